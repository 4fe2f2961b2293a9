package io.github.mackereltracing.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * An open-loop HTTP load: requests are sent at a fixed rate whatever the server's latency (so a server that
 * stalls shows up as latency, not as fewer requests), over HTTP/1.1 keep-alive connections, and every
 * response is timed from the moment its request was due.
 */
final class Load implements AutoCloseable {
  /** What one run measured. Latencies in microseconds. */
  record Result(String label, int sent, int failed, long p50, long p99, long max, String firstFailure) {
    String row() {
      return String.format("%-28s %6d %6d %8.1f %8.1f %8.1f", label, sent, failed, p50 / 1000.0, p99 / 1000.0,
          max / 1000.0);
    }
  }

  private final ExecutorService clientThreads = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "load-client");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .executor(clientThreads)
      .build();

  /**
   * Sends {@code rate} requests a second for {@code duration}, request number {@code i} to {@code uri(i)},
   * and waits for every response.
   */
  Result run(String label, int rate, Duration duration, LongFunction<URI> uri) throws InterruptedException {
    int total = (int) (rate * duration.toMillis() / 1000);
    long[] latencies = new long[total];
    AtomicLong failed = new AtomicLong();
    String[] firstFailure = new String[1];
    List<CompletableFuture<?>> pending = new ArrayList<>(total);
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + i * intervalNanos;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      int index = i;
      HttpRequest request = HttpRequest.newBuilder(uri.apply(i)).timeout(Duration.ofSeconds(60)).GET().build();
      pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
        latencies[index] = (System.nanoTime() - due) / 1000;
        if (error != null || response.statusCode() != 200) {
          failed.incrementAndGet();
          synchronized (firstFailure) {
            if (firstFailure[0] == null) {
              firstFailure[0] = error != null ? error.toString() : "HTTP " + response.statusCode();
            }
          }
        }
        return null;
      }));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).orTimeout(2, TimeUnit.MINUTES).join();
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    return new Result(label, total, (int) failed.get(), percentile(sorted, 0.50), percentile(sorted, 0.99),
        sorted[sorted.length - 1], firstFailure[0]);
  }

  /** One request, synchronously: its status. */
  int send(URI uri, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static long percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static String header() {
    return String.format("%-28s %6s %6s %8s %8s %8s", "endpoint", "sent", "failed", "p50 ms", "p99 ms", "max ms");
  }

  @Override
  public void close() {
    clientThreads.shutdownNow();
  }
}
