package io.github.mackereltracing.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.testing.LogCapture;
import io.github.mackereltracing.testing.OtlpReceiver;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.api.trace.SpanKind;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Lost spans are reported as a count at most once a minute, however many batches fail, and once at undeploy. */
class LossReportRateTest {
  static final SpanData SPAN = TestSpanData.builder()
      .setName("lost").setKind(SpanKind.INTERNAL).setStatus(StatusData.unset())
      .setStartEpochNanos(1).setEndEpochNanos(2).setHasEnded(true).build();

  @Test
  void manyFailedBatchesMakeOneLinePerMinute() throws Exception {
    AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
    try (OtlpReceiver receiver = new OtlpReceiver(); LogCapture log = LogCapture.library()) {
      receiver.respondWith(400);
      SpanLossReport losses = new SpanLossReport("app", receiver.tracesUrl(), now::get);
      ReportingSpanExporter exporter = new ReportingSpanExporter(
          OtlpHttpSpanExporter.builder().setEndpoint(receiver.tracesUrl()).build(),
          "app", receiver.tracesUrl(), null, losses);
      for (int i = 0; i < 20; i++) {
        exporter.export(List.of(SPAN, SPAN)).join(10, TimeUnit.SECONDS);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
      }
      assertThat(log.linesAt(Level.WARNING)).singleElement().asString().contains("2 span(s)");

      now.addAndGet(TimeUnit.SECONDS.toNanos(60));
      exporter.export(List.of(SPAN)).join(10, TimeUnit.SECONDS);
      assertThat(log.linesAt(Level.WARNING)).hasSize(2).last().asString().contains("39 span(s)");

      exporter.export(List.of(SPAN)).join(10, TimeUnit.SECONDS);
      exporter.shutdown().join(10, TimeUnit.SECONDS);
      losses.close();
      assertThat(log.linesAt(Level.WARNING)).hasSize(3).last().asString().contains("1 span(s)");
      assertThat(receiver.requests()).hasSize(22);
    }
  }

  @Test
  void atUndeploySpansStillQueuedOrBeingSentAreCountedAndLateResultsIgnored() {
    AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
    try (LogCapture log = LogCapture.library()) {
      SpanLossReport losses = new SpanLossReport("app", "http://collector/v1/traces", now::get);
      AtomicLong admitted = new AtomicLong();
      losses.countAdmitted(admitted::get);
      admitted.set(100);
      losses.exportCompleted(40, true, null); // delivered
      losses.exportCompleted(10, false, "HTTP 503"); // lost, reported at once
      assertThat(log.linesAt(Level.WARNING)).singleElement().asString().contains("10 span(s) could not be delivered");
      // 50 admitted spans have no result yet when the undeploy's wait ends.
      losses.close();
      assertThat(log.linesAt(Level.WARNING)).hasSize(2).last().asString()
          .contains("50 span(s) were still queued or being sent when the undeploy stopped waiting")
          .doesNotContain("could not be delivered");
      // The export still running then fails later, or a span ends late: already counted, not counted again.
      losses.exportCompleted(30, false, "HTTP 503");
      losses.droppedOnFullQueue();
      now.addAndGet(TimeUnit.MINUTES.toNanos(5));
      losses.close();
      assertThat(log.linesAt(Level.WARNING)).hasSize(2);
    }
  }
}
