package io.github.mackereltracing.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.mackereltracing.testing.SecretWatch;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP endpoint on loopback that can be told to fail the way real endpoints fail: refuse
 * connections (down), accept and never answer (hanging), answer slowly, or answer an error status, with or
 * without {@code Retry-After}. Unlike {@code testing.OtlpReceiver} it keeps no request: it counts the spans
 * it accepted and remembers their trace ids, so that a long load does not fill the heap being measured.
 */
final class FaultyCollector implements AutoCloseable {
  /** How the endpoint behaves. */
  record Mode(String name, int status, String retryAfter, long delayMillis, boolean hang, boolean down,
      boolean trickle) {
    static final Mode HEALTHY = new Mode("healthy", 200, null, 0, false, false, false);
    static final Mode DOWN = new Mode("down (connection refused)", 0, null, 0, false, true, false);
    static final Mode HANGING = new Mode("hanging (never answers)", 0, null, 0, true, false, false);
    static final Mode SLOW = new Mode("slow (2 s per request)", 200, null, 2000, false, false, false);
    /** Answers 503 and then its body one byte a second: every read is quick, the answer never ends. */
    static final Mode TRICKLING = new Mode("trickling (a byte a second)", 503, null, 0, false, false, true);

    Mode(String name, int status, String retryAfter, long delayMillis, boolean hang, boolean down) {
      this(name, status, retryAfter, delayMillis, hang, down, false);
    }

    static Mode status(int status) {
      return new Mode("HTTP " + status, status, null, 0, false, false, false);
    }

    static Mode status(int status, String retryAfter) {
      return new Mode("HTTP " + status + " Retry-After: " + retryAfter, status, retryAfter, 0, false, false, false);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private final int port;
  private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "faulty-collector");
    t.setDaemon(true);
    return t;
  });
  private final Object lock = new Object();
  private HttpServer server;
  private volatile Mode mode = Mode.HEALTHY;
  private volatile CountDownLatch hangRelease = new CountDownLatch(0);
  private volatile Consumer<Span> spanListener = span -> {};

  private final AtomicLong acceptedSpans = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicInteger hanging = new AtomicInteger();
  private final AtomicInteger maxHanging = new AtomicInteger();
  private final Set<String> traceIds = ConcurrentHashMap.newKeySet();

  FaultyCollector() throws IOException {
    server = newServer(0);
    port = server.getAddress().getPort();
  }

  private HttpServer newServer(int bindPort) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), bindPort), 50);
    s.createContext("/", this::handle);
    s.setExecutor(handlers);
    s.start();
    return s;
  }

  String tracesUrl() {
    return "http://127.0.0.1:" + port + "/v1/traces";
  }

  /** Changes behaviour from now on; requests hanging so far are cut off (their connection closed, unanswered). */
  void set(Mode next) throws IOException {
    synchronized (lock) {
      Mode previous = mode;
      mode = next;
      hangRelease.countDown();
      if (next.hang) {
        hangRelease = new CountDownLatch(1);
      }
      if (next.down && !previous.down) {
        server.stop(0);
      } else if (!next.down && previous.down) {
        server = newServer(port); // the same port: the exporter's endpoint does not change
      }
    }
  }

  /** Every accepted span is also handed to {@code listener} (on the collector's threads). */
  void onSpan(Consumer<Span> listener) {
    this.spanListener = listener;
  }

  long acceptedSpans() {
    return acceptedSpans.get();
  }

  long requests() {
    return requests.get();
  }

  /** The most requests that were hanging at once since the last call. */
  int takeMaxHanging() {
    return maxHanging.getAndSet(hanging.get());
  }

  boolean accepted(String traceId) {
    return traceIds.contains(traceId);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      byte[] body = exchange.getRequestBody().readAllBytes();
      Mode current = mode;
      if (current.hang) {
        hang();
        return; // closing the exchange unanswered: the client sees the connection end
      }
      if (current.trickle) {
        trickle(exchange, current);
        return;
      }
      if (current.delayMillis > 0) {
        sleep(current.delayMillis);
      }
      if (current.status / 100 == 2) {
        accept(exchange, body);
      }
      if (current.retryAfter != null) {
        exchange.getResponseHeaders().add("Retry-After", current.retryAfter);
      }
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(current.status, -1);
    }
  }

  /** Until the mode changes (or 5 minutes): the spans are never accepted, the answer never completes. */
  private void trickle(HttpExchange exchange, Mode current) throws IOException {
    int now = hanging.incrementAndGet();
    maxHanging.accumulateAndGet(now, Math::max);
    try {
      exchange.sendResponseHeaders(current.status, 0);
      long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (mode == current && System.nanoTime() < end) {
        exchange.getResponseBody().write('x');
        exchange.getResponseBody().flush();
        sleep(1000);
      }
    } finally {
      hanging.decrementAndGet();
    }
  }

  private void hang() {
    int now = hanging.incrementAndGet();
    maxHanging.accumulateAndGet(now, Math::max);
    try {
      hangRelease.await(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      hanging.decrementAndGet();
    }
  }

  private void accept(HttpExchange exchange, byte[] raw) throws IOException {
    byte[] body = raw;
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        body = in.readAllBytes();
      }
    }
    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
    HexFormat hex = HexFormat.of();
    Consumer<Span> listener = spanListener;
    for (ResourceSpans rs : request.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          SecretWatch.spanText("span exported over OTLP", span.getName());
          span.getAttributesList().forEach(kv -> SecretWatch.spanText(
              "span exported over OTLP, attribute " + kv.getKey(), kv.getValue().toString()));
          traceIds.add(hex.formatHex(span.getTraceId().toByteArray()));
          acceptedSpans.incrementAndGet();
          listener.accept(span);
        }
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      hangRelease.countDown();
      server.stop(0);
    }
    handlers.shutdownNow();
  }
}
