package io.github.mackereltracing.benchmarks.export;

import io.github.mackereltracing.benchmarks.BenchDeployment;
import io.github.mackereltracing.benchmarks.Results;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Export as a deployment does it, with the Mackerel preset (OTLP/HTTP protobuf, gzip, the batch processor's
 * defaults) pointed at a receiver on loopback.
 *
 * <ul>
 *   <li>{@code throughput}: spans offered at fixed rates, then as fast as one thread makes them; what arrives,
 *       what is lost, and the compression.
 *   <li>{@code retention}: an endpoint that never answers; the heap each queued span holds, as the slope of
 *       used heap (after a full GC) over queued spans.
 *   <li>{@code latency}: an endpoint that answers each export after a delay (the round trip to a remote
 *       Mackerel), spans offered at fixed rates; what is lost with the batch processor's default batch and
 *       queue, and with larger ones.
 * </ul>
 *
 * Usage: {@code ExportBenchmark throughput|retention|latency <results.csv> [seconds per rate]}.
 */
public final class ExportBenchmark {
  private ExportBenchmark() {}

  public static void main(String[] args) throws Exception {
    Results results = new Results(Path.of(args[1]));
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    switch (args[0]) {
      case "throughput" -> throughput(results, seconds);
      case "retention" -> retention(results);
      case "latency" -> latency(results, seconds);
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.exit(0); // the JDK HTTP client's threads are not daemons
  }

  static void throughput(Results results, int seconds) throws Exception {
    try (OtlpSink sink = new OtlpSink()) {
      // The Mackerel preset (a key enables tracing, gzip and the headers) with the batch processor's
      // defaults; the endpoint is ours.
      Map<String, String> settings = new java.util.LinkedHashMap<>();
      settings.put("otel.service.name", "benchmark");
      settings.put("mackerel.api-key", "benchmark-key-not-real");
      settings.put("otel.exporter.otlp.traces.endpoint", sink.endpoint());
      DeploymentTracing tracing = BenchDeployment.start(settings);
      if (!tracing.enabled()) {
        throw new IllegalStateException("tracing did not start");
      }
      RequestSpans requests = new RequestSpans(tracing.tracer());
      OpenTelemetrySdk sdk = (OpenTelemetrySdk) tracing.openTelemetry();

      System.out.println("warming up for " + seconds + " s");
      offer(requests, sdk, sink, 0, seconds);
      for (long rate : new long[] {50_000, 100_000, 200_000, 0}) {
        Run run = offer(requests, sdk, sink, rate, seconds);
        String name = rate == 0 ? "max" : (rate / 1000) + "k";
        System.out.println(run.describe(name));
        results.add("export." + name, "offered", run.offeredPerSecond(), "spans/s");
        results.add("export." + name, "received", run.receivedPerSecond(), "spans/s");
        results.add("export." + name, "dropped", run.dropped(), "spans");
        results.add("export." + name, "gzip_ratio", run.gzipRatio(), "sent/raw");
        results.add("export." + name, "bytes_per_span", run.sentPerSpan(), "B");
        results.add("export." + name, "export_cpu_per_span", run.exportCpuMicrosPerSpan(), "us");
        results.add("export." + name, "export_alloc_per_span", run.exportAllocatedPerSpan(), "B");
      }
      Deployments.undeploy(tracing);
    }
    results.write();
  }

  /**
   * The batch processor sends one export at a time and waits for its answer, so what it can deliver is at most
   * a batch per round trip (512 spans per 30 ms is some 17,000 spans/s), whatever the CPU: past that the queue
   * fills and spans are dropped. Each configuration runs in a deployment of its own (a class loader of its own).
   */
  static void latency(Results results, int seconds) throws Exception {
    ClassLoader original = Thread.currentThread().getContextClassLoader();
    try (OtlpSink sink = new OtlpSink()) {
      for (long delay : new long[] {0, 10, 30, 60}) {
        for (int[] batchAndQueue : new int[][] {{512, 2048}, {2048, 8192}}) {
          for (long rate : new long[] {20_000, 40_000}) {
            sink.delayMillis = 0;
            Thread.currentThread().setContextClassLoader(new java.net.URLClassLoader(new java.net.URL[0], original));
            Map<String, String> settings = new java.util.LinkedHashMap<>();
            settings.put("otel.service.name", "benchmark");
            settings.put("mackerel.api-key", "benchmark-key-not-real");
            settings.put("otel.exporter.otlp.traces.endpoint", sink.endpoint());
            settings.put("otel.bsp.max.export.batch.size", String.valueOf(batchAndQueue[0]));
            settings.put("otel.bsp.max.queue.size", String.valueOf(batchAndQueue[1]));
            DeploymentTracing tracing = BenchDeployment.start(settings);
            OpenTelemetrySdk sdk = (OpenTelemetrySdk) tracing.openTelemetry();
            RequestSpans requests = new RequestSpans(tracing.tracer());
            offer(requests, sdk, sink, rate, 2); // warm-up, answered at once
            sink.delayMillis = delay;
            Run run = offer(requests, sdk, sink, rate, seconds);
            String name = "export.latency." + delay + "ms.batch" + batchAndQueue[0] + "." + (rate / 1000) + "k";
            System.out.println(run.describe(delay + " ms, batch " + batchAndQueue[0] + "/queue " + batchAndQueue[1]));
            results.add(name, "offered", run.offeredPerSecond(), "spans/s");
            results.add(name, "received", run.receivedPerSecond(), "spans/s");
            results.add(name, "dropped", run.dropped(), "spans");
            results.add(name, "export_cpu_per_span", run.exportCpuMicrosPerSpan(), "us");
            sink.delayMillis = 0;
            Deployments.undeploy(tracing);
          }
        }
      }
    } finally {
      Thread.currentThread().setContextClassLoader(original);
    }
    results.write();
  }

  /** One run at an offered rate (0: as fast as one thread makes spans). */
  record Run(long offered, long received, double seconds, long sent, long raw, long exportCpuNanos,
      long exportAllocated) {
    /** Bytes the export threads allocated per span received. */
    double exportAllocatedPerSpan() {
      return received == 0 ? 0 : (double) exportAllocated / received;
    }

    /** CPU time the export took per span received: serializing, compressing, sending (not making spans). */
    double exportCpuMicrosPerSpan() {
      return received == 0 ? 0 : exportCpuNanos / 1000.0 / received;
    }

    double offeredPerSecond() {
      return offered / seconds;
    }

    double receivedPerSecond() {
      return received / seconds;
    }

    long dropped() {
      return offered - received;
    }

    double gzipRatio() {
      return raw == 0 ? 0 : (double) sent / raw;
    }

    double sentPerSpan() {
      return received == 0 ? 0 : (double) sent / received;
    }

    String describe(String name) {
      return String.format("%-5s offered %,10.0f spans/s, received %,10.0f spans/s, dropped %,d, gzip %.3f of %,.0f raw"
          + " bytes/span (%,.0f sent), export CPU %.2f us/span, %.0f B allocated/span", name, offeredPerSecond(),
          receivedPerSecond(), dropped(), gzipRatio(), received == 0 ? 0.0 : (double) raw / received, sentPerSpan(),
          exportCpuMicrosPerSpan(), exportAllocatedPerSpan());
    }
  }

  private static Run offer(RequestSpans requests, OpenTelemetrySdk sdk, OtlpSink sink, long spansPerSecond, int seconds) {
    flush(sdk);
    long spans0 = sink.spans.get();
    long sent0 = sink.sentBytes.get();
    long raw0 = sink.rawBytes.get();
    Map<Long, Long> cpu0 = exportThreadsCpu();
    Map<Long, Long> allocated0 = allocated(cpu0.keySet());
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long made = 0;
    long now;
    while ((now = System.nanoTime()) < end) {
      if (spansPerSecond > 0) {
        long due = (long) ((now - start) / 1e9 * spansPerSecond);
        if (made >= due) {
          LockSupport.parkNanos(50_000);
          continue;
        }
      }
      requests.next();
      made += RequestSpans.SPANS_PER_REQUEST;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    flush(sdk);
    long exportCpu = 0;
    Map<Long, Long> cpu1 = exportThreadsCpu();
    for (Map.Entry<Long, Long> thread : cpu1.entrySet()) {
      exportCpu += thread.getValue() - cpu0.getOrDefault(thread.getKey(), 0L);
    }
    long exportAllocated = 0;
    for (Map.Entry<Long, Long> thread : allocated(cpu1.keySet()).entrySet()) {
      exportAllocated += thread.getValue() - allocated0.getOrDefault(thread.getKey(), 0L);
    }
    return new Run(made, sink.spans.get() - spans0, elapsed, sink.sentBytes.get() - sent0,
        sink.rawBytes.get() - raw0, exportCpu, exportAllocated);
  }

  /**
   * CPU time so far of each thread that exports: all but this one (which makes the spans), the receiver's
   * and the JVM's own (compiler, GC). On a loaded machine this tells what a span costs to export better than
   * wall-clock throughput does.
   */
  private static Map<Long, Long> exportThreadsCpu() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
      String name = info.getThreadName();
      if (info.getThreadId() == Thread.currentThread().getId() || name.startsWith("otlp-sink")
          || name.startsWith("HTTP-Dispatcher") || name.startsWith("C1 ") || name.startsWith("C2 ")
          || name.startsWith("G1 ") || name.startsWith("VM ")) {
        continue;
      }
      long nanos = threads.getThreadCpuTime(info.getThreadId());
      if (nanos > 0) {
        cpu.put(info.getThreadId(), nanos);
      }
    }
    return cpu;
  }

  /** Bytes allocated so far by each of {@code threadIds} (HotSpot's per-thread counter). */
  private static Map<Long, Long> allocated(java.util.Set<Long> threadIds) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Map<Long, Long> bytes = new HashMap<>();
    for (long id : threadIds) {
      long allocated = threads.getThreadAllocatedBytes(id);
      if (allocated >= 0) {
        bytes.put(id, allocated);
      }
    }
    return bytes;
  }

  private static void flush(OpenTelemetrySdk sdk) {
    sdk.getSdkTracerProvider().forceFlush().join(60, TimeUnit.SECONDS);
  }

  static void retention(Results results) throws Exception {
    int step = 5_000;
    int steps = 8;
    Map<String, String> settings = BenchDeployment.tracingToNoop();
    settings.put("otel.traces.exporter", BlockingSpanExporterProvider.NAME);
    settings.put("otel.bsp.max.queue.size", String.valueOf(step * steps));
    settings.put("otel.bsp.export.timeout", String.valueOf(TimeUnit.MINUTES.toMillis(10)));
    DeploymentTracing tracing = BenchDeployment.start(settings);
    Tracer tracer = tracing.tracer();
    RequestSpans requests = new RequestSpans(tracer);
    double[] x = new double[steps + 1];
    double[] y = new double[steps + 1];
    y[0] = usedHeapAfterGc();
    for (int i = 1; i <= steps; i++) {
      for (int s = 0; s < step; s += RequestSpans.SPANS_PER_REQUEST) {
        requests.next();
      }
      x[i] = (double) i * step;
      y[i] = usedHeapAfterGc();
      System.out.printf("%,8.0f spans queued: %,12.0f bytes used%n", x[i], y[i]);
    }
    double perSpan = slope(x, y);
    System.out.printf("retained heap per queued span: %.0f bytes%n", perSpan);
    results.add("export.retention", "bytes_per_queued_span", perSpan, "B");
    BlockingSpanExporterProvider.release();
    Deployments.undeploy(tracing);
    results.write();
  }

  private static double usedHeapAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** Least-squares slope of y over x. */
  static double slope(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= x.length;
    my /= y.length;
    double num = 0;
    double den = 0;
    for (int i = 0; i < x.length; i++) {
      num += (x[i] - mx) * (y[i] - my);
      den += (x[i] - mx) * (x[i] - mx);
    }
    return num / den;
  }
}
