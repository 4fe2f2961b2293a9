package io.github.mackereltracing.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.internal.interceptor.SpanAnnotationsExtension;
import io.github.mackereltracing.testing.LogCapture;
import io.github.mackereltracing.testing.TestDeployment;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * 64 threads at once, each making traced calls: {@code Orders.place} ({@code @Traced}) calls
 * {@code Pricing.price} ({@code @Traced}), which runs a SELECT on H2 through the CDI-produced DataSource;
 * three spans a call, each call a trace of its own, exported over OTLP to a real receiver. Below the queue's
 * capacity every span arrives, with the right parent (same call, same trace); above it, the spans that
 * arrive plus the spans the log says were dropped are exactly the spans made.
 *
 * <p>CI runs 64 x {@value #CI_CALLS} calls; {@code -Preliability} runs the full 64 x 10,000
 * ({@code -Dreliability.calls}). Figures go to stdout and target/reliability/.
 */
class ConcurrentTracedCallsTest {
  static final int THREADS = 64;
  static final int CI_CALLS = 300;
  static final int CALLS = Integer.getInteger("reliability.calls", CI_CALLS);
  static final int SPANS_PER_CALL = 3;
  static final Pattern DROPPED = Pattern.compile("(\\d+) span\\(s\\) were dropped");
  static final Pattern FAILED = Pattern.compile("(\\d+) span\\(s\\) (could not be delivered|were still queued)");

  /** Compact records of the spans that arrived (a million spans as objects would weigh on the run). */
  static final class Arrivals {
    final long[] spanId;
    final long[] parentId;
    final long[] traceId;
    final long[] orderId;
    final byte[] kind; // 0 Orders.place, 1 Pricing.price, 2 SELECT prices, 3 other
    final AtomicInteger count = new AtomicInteger();

    Arrivals(int capacity) {
      spanId = new long[capacity];
      parentId = new long[capacity];
      traceId = new long[capacity];
      orderId = new long[capacity];
      kind = new byte[capacity];
    }

    void add(Span span) {
      int i = count.getAndIncrement();
      if (i >= spanId.length) {
        return; // more than expected: the count check reports it
      }
      spanId[i] = asLong(span.getSpanId().toByteArray());
      parentId[i] = span.getParentSpanId().isEmpty() ? 0 : asLong(span.getParentSpanId().toByteArray());
      byte[] trace = span.getTraceId().toByteArray();
      traceId[i] = ByteBuffer.wrap(trace).getLong() ^ ByteBuffer.wrap(trace, 8, 8).getLong();
      kind[i] = switch (span.getName()) {
        case "Orders.place" -> 0;
        case "Pricing.price" -> 1;
        case "SELECT prices" -> 2;
        default -> 3;
      };
      orderId[i] = -1;
      for (KeyValue kv : span.getAttributesList()) {
        if (kv.getKey().equals("order.id")) {
          orderId[i] = kv.getValue().getIntValue();
        }
      }
    }

    private static long asLong(byte[] bytes) {
      return ByteBuffer.wrap(bytes).getLong();
    }
  }

  @Test
  void belowQueueCapacityEverySpanArrivesWithTheParentOfItsOwnCall() throws Exception {
    int calls = THREADS * CALLS;
    int spans = calls * SPANS_PER_CALL;
    try (FaultyCollector collector = new FaultyCollector(); LogCapture log = LogCapture.library()) {
      Arrivals arrivals = new Arrivals(spans + 1000);
      collector.onSpan(arrivals::add);
      long start = System.nanoTime();
      // Queue large enough for every span of the run: nothing may be dropped. The receiver shares the two
      // cores with 64 callers, so it is given time: the export timeout is raised, and the deployment stays
      // up until every span has arrived (or none has for a minute).
      run(collector, String.valueOf(spans + 1000), calls, () -> awaitArrivals(arrivals, spans));
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(log.linesAt(Level.WARNING)).isEmpty();
      assertThat(arrivals.count.get()).isEqualTo(spans);

      Map<Long, Integer> byId = new HashMap<>(spans * 2 / 3 * 2);
      int[] kinds = new int[4];
      for (int i = 0; i < spans; i++) {
        kinds[arrivals.kind[i]]++;
        if (arrivals.kind[i] < 2) {
          byId.put(arrivals.spanId[i], i);
        }
      }
      assertThat(kinds).containsExactly(calls, calls, calls, 0);
      List<String> wrong = new ArrayList<>();
      for (int i = 0; i < spans && wrong.size() < 10; i++) {
        byte kind = arrivals.kind[i];
        if (kind == 0) {
          if (arrivals.parentId[i] != 0) {
            wrong.add("Orders.place of order " + arrivals.orderId[i] + " has a parent");
          }
          continue;
        }
        Integer parent = byId.get(arrivals.parentId[i]);
        if (parent == null || arrivals.kind[parent] != kind - 1 || arrivals.traceId[parent] != arrivals.traceId[i]
            || (kind == 1 && arrivals.orderId[parent] != arrivals.orderId[i])) {
          wrong.add("span " + i + " (kind " + kind + ", order " + arrivals.orderId[i] + ") has parent " + parent);
        }
      }
      assertThat(wrong).isEmpty();
      record("below capacity", calls, spans, spans, 0, seconds);
    }
  }

  @Test
  void aboveQueueCapacityTheDropCountIsExact() throws Exception {
    int calls = THREADS * Math.min(CALLS, CI_CALLS);
    int spans = calls * SPANS_PER_CALL;
    try (FaultyCollector collector = new FaultyCollector(); LogCapture log = LogCapture.library()) {
      collector.set(new FaultyCollector.Mode("slow (50 ms)", 200, null, 50, false, false));
      long start = System.nanoTime();
      run(collector, "2048", calls, () -> {});
      double seconds = (System.nanoTime() - start) / 1e9;
      long dropped = 0;
      long failed = 0;
      for (String line : log.linesAt(Level.WARNING)) {
        Matcher d = DROPPED.matcher(line);
        while (d.find()) {
          dropped += Long.parseLong(d.group(1));
        }
        Matcher f = FAILED.matcher(line);
        while (f.find()) {
          failed += Long.parseLong(f.group(1));
        }
      }
      assertThat(dropped).as("dropped spans reported").isPositive();
      assertThat(collector.acceptedSpans() + dropped + failed).isEqualTo(spans);
      assertThat(log.linesAt(Level.WARNING)).as("lines: at most one a minute, plus the final count").hasSizeLessThanOrEqualTo(
          (int) Math.ceil(seconds / 60) + 1);
      record("above capacity (queue 2048, 50 ms/export)", calls, spans, collector.acceptedSpans(), dropped, seconds);
    }
  }

  /** What to wait for before the undeploy. */
  interface BeforeUndeploy {
    void await() throws Exception;
  }

  private static void awaitArrivals(Arrivals arrivals, int spans) throws InterruptedException {
    int last = -1;
    long lastProgress = System.nanoTime();
    while (arrivals.count.get() < spans && System.nanoTime() - lastProgress < 60_000_000_000L) {
      int now = arrivals.count.get();
      if (now != last) {
        last = now;
        lastProgress = System.nanoTime();
      }
      Thread.sleep(100);
    }
  }

  /**
   * Deploys, makes {@code calls} traced calls on 64 threads at once, waits for {@code beforeUndeploy}, and
   * undeploys (which flushes).
   */
  private static void run(FaultyCollector collector, String queueSize, int calls, BeforeUndeploy beforeUndeploy)
      throws Exception {
    try (TestDeployment app = TestDeployment.create("concurrent", Map.of(
        "otel.sdk.disabled", "false",
        "otel.exporter.otlp.traces.endpoint", collector.tracesUrl(),
        "otel.exporter.otlp.timeout", "60s",
        "otel.bsp.max.queue.size", queueSize,
        "otel.bsp.schedule.delay", "100"))) {
      WeldContainer container = app.call(() -> new Weld("concurrent-" + System.nanoTime())
          .disableDiscovery()
          .setClassLoader(app.classLoader())
          .property("org.jboss.weld.se.shutdownHook", false)
          .beanClasses(ShopApp.Orders.class, ShopApp.Pricing.class, ShopApp.Database.class)
          .addExtension(new TracingExtension())
          .addExtension(new SpanAnnotationsExtension())
          .initialize());
      try {
        ShopApp.Orders orders = app.call(() -> container.select(ShopApp.Orders.class).get());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
          Thread t = new Thread(r, "caller");
          t.setContextClassLoader(app.classLoader()); // request threads of the deployment
          return t;
        });
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        int perThread = calls / THREADS;
        for (int t = 0; t < THREADS; t++) {
          long first = (long) t * perThread;
          done.add(pool.submit(() -> {
            go.await();
            for (long order = first; order < first + perThread; order++) {
              orders.place(order);
            }
            return null;
          }));
        }
        go.countDown();
        for (Future<?> f : done) {
          f.get();
        }
        pool.shutdown();
        beforeUndeploy.await();
      } finally {
        app.call(() -> {
          container.shutdown();
          return null;
        });
      }
    }
  }

  private static void record(String run, int calls, int spans, long delivered, long dropped, double seconds)
      throws Exception {
    String line = String.format("Concurrent traced calls, %s: %d threads x %d calls, %d spans made, %d delivered,"
        + " %d dropped (exact), %.1f s (%.0f calls/s), %d cores, load average %.2f%n", run, THREADS, calls / THREADS,
        spans, delivered, dropped, seconds, calls / seconds, Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.print(line);
    Path out = Path.of("target", "reliability", "concurrency-" + THREADS + "x" + CALLS + ".txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, line, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
  }

}
