package io.github.mackereltracing.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.MackerelTracing;
import io.github.mackereltracing.testing.LogCapture;
import io.github.mackereltracing.testing.OtlpReceiver;
import io.github.mackereltracing.testing.TestDeployment;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A full queue drops spans, and every dropped span is counted: delivered + dropped = produced. */
class QueueGuardTest {
  static final Pattern DROPPED = Pattern.compile("(\\d+) span\\(s\\) were dropped");

  @Test
  void everySpanIsEitherDeliveredOrCountedAsDropped() throws Exception {
    int threads = 8;
    int perThread = 2_000;
    try (OtlpReceiver receiver = new OtlpReceiver(); LogCapture log = LogCapture.library()) {
      receiver.respondAfter(Duration.ofMillis(50)); // a slow endpoint, so that the small queue overflows
      try (TestDeployment app = TestDeployment.create("busy", Map.of(
          "otel.sdk.disabled", "false",
          "otel.exporter.otlp.traces.endpoint", receiver.tracesUrl(),
          "otel.bsp.max.queue.size", "256",
          "otel.bsp.max.export.batch.size", "128"))) {
        Tracer tracer = app.call(() -> MackerelTracing.openTelemetry().getTracer("load"));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(pool.submit(() -> {
            for (int i = 0; i < perThread; i++) {
              tracer.spanBuilder("work").startSpan().end();
            }
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
        pool.shutdown();
      }
      long dropped = 0;
      for (String line : log.linesAt(Level.WARNING)) {
        Matcher m = DROPPED.matcher(line);
        if (m.find()) {
          dropped += Long.parseLong(m.group(1));
        }
      }
      assertThat(dropped).isPositive();
      assertThat(receiver.spans().size() + dropped).isEqualTo((long) threads * perThread);
    }
  }

  @Test
  void belowCapacityNothingIsDropped() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver(); LogCapture log = LogCapture.library()) {
      try (TestDeployment app = TestDeployment.create("calm", Map.of(
          "otel.sdk.disabled", "false",
          "otel.exporter.otlp.traces.endpoint", receiver.tracesUrl(),
          "otel.bsp.schedule.delay", "600000"))) {
        app.call(() -> {
          Tracer tracer = MackerelTracing.openTelemetry().getTracer("load");
          for (int i = 0; i < 2048; i++) {
            tracer.spanBuilder("work").startSpan().end();
          }
          return null;
        });
      }
      assertThat(receiver.spans()).hasSize(2048);
      assertThat(log.linesAt(Level.WARNING)).isEmpty();
    }
  }
}
