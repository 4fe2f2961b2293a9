package io.github.mackereltracing.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.testing.LogCapture;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The library inside the WAR sets GlobalOpenTelemetry for code that reads it (other libraries of the WAR).
 * When something set it first, that code keeps getting the other instance: the user must be told, once.
 */
class GlobalOpenTelemetryTest {
  @AfterEach
  void reset() {
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void aGlobalSetByOtherCodeIsReportedNotIgnored() {
    OpenTelemetry other = OpenTelemetry.noop();
    GlobalOpenTelemetry.set(other);
    // The deployment whose class loader is GlobalOpenTelemetry's own: the library inside the WAR.
    DeploymentTracing tracing = Deployments.getOrCreate(GlobalOpenTelemetry.class.getClassLoader());
    try (LogCapture log = LogCapture.library()) {
      tracing.attachServletContext("global-app",
          Map.of("otel.sdk.disabled", "false", "otel.traces.exporter", "none"), null);
      tracing.startNow();
      assertThat(tracing.enabled()).isTrue();
      assertThat(log.lines(Level.WARNING))
          .anySatisfy(line -> assertThat(line).contains("GlobalOpenTelemetry").contains("'global-app'"));
    } finally {
      Deployments.undeploy(tracing);
    }
  }
}
