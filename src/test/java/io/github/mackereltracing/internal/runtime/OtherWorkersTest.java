package io.github.mackereltracing.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.testing.DuringSdkBuild;
import io.github.mackereltracing.testing.OtlpReceiver;
import io.github.mackereltracing.testing.TestDeployment;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * In a real server, other SDKs run batch workers of the same name beside ours: the other WARs' (each with
 * its own copy of this library, starting concurrently) and the server's own. Our undeploy must stop only
 * ours.
 */
class OtherWorkersTest {
  @Test
  void aWorkerStartedByAnotherSdkDuringOurBuildSurvivesOurUndeploy() throws Exception {
    InMemorySpanExporter otherExporter = InMemorySpanExporter.create();
    SdkTracerProvider[] other = new SdkTracerProvider[1];
    DuringSdkBuild.arm(() -> other[0] = SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(otherExporter).setScheduleDelay(Duration.ofMinutes(10)).build())
        .build());

    try (OtlpReceiver receiver = new OtlpReceiver()) {
      TestDeployment app = TestDeployment.create("ours", Map.of(
          "mackerel.api-key", "mkr-other-workers-test", "otel.exporter.otlp.traces.endpoint", receiver.tracesUrl()));
      app.call(() -> app.tracing().openTelemetry());
      assertThat(other[0]).as("the other SDK was built during ours").isNotNull();
      app.close();
    }

    try {
      other[0].get("other").spanBuilder("after our undeploy").startSpan().end();
      assertThat(other[0].forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      assertThat(otherExporter.getFinishedSpanItems()).singleElement()
          .satisfies(s -> assertThat(s.getName()).isEqualTo("after our undeploy"));
    } finally {
      other[0].shutdown().join(10, TimeUnit.SECONDS);
    }
  }
}
