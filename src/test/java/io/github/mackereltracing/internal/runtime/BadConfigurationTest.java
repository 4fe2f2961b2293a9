package io.github.mackereltracing.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.MackerelTracing;
import io.github.mackereltracing.testing.LogCapture;
import io.github.mackereltracing.testing.OtlpReceiver;
import io.github.mackereltracing.testing.TestDeployment;
import io.opentelemetry.api.trace.Span;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each bad value: the deployment still serves, one SEVERE line names the property at fault, tracing is off,
 * nothing is sent, and the key appears nowhere.
 */
class BadConfigurationTest {
  static final String KEY = "mkr-SECRET-0123456789abcdef";

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "otel.exporter.otlp.traces.endpoint | not a url            | otel.exporter.otlp.traces.endpoint",
      "otel.exporter.otlp.endpoint        | ftp://example.com    | otel.exporter.otlp.endpoint",
      "otel.exporter.otlp.protocol        | grpc                 | otel.exporter.otlp.protocol",
      "otel.exporter.otlp.headers         | no-equals-sign       | otel.exporter.otlp.headers",
      "otel.traces.exporter               | zipkin-ish           | otel.traces.exporter",
      "otel.traces.sampler                | sometimes            | otel.traces.sampler",
      "otel.traces.sampler.arg            | half                 | otel.traces.sampler.arg",
      "otel.bsp.max.queue.size            | lots                 | otel.bsp.max.queue.size",
      "otel.bsp.schedule.delay            | soon                 | otel.bsp.schedule.delay",
      "otel.propagators                   | carrier-pigeon       | otel.propagators",
      "otel.sdk.disabled                  | maybe                | otel.sdk.disabled",
      "mackerel.api-key                   | 'abc def'            | mackerel.api-key",
  })
  void badValueTurnsTracingOffWithOneLineNamingIt(String property, String value, String named) throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver(); LogCapture log = LogCapture.library()) {
      Map<String, String> config = new HashMap<>();
      config.put("mackerel.api-key", KEY);
      config.put("otel.exporter.otlp.traces.endpoint", receiver.tracesUrl());
      if (property.equals("otel.traces.sampler.arg")) {
        config.put("otel.traces.sampler", "traceidratio");
      }
      config.put(property, value);
      try (TestDeployment app = TestDeployment.create("bad", config)) {
        Span span = app.call(() -> {
          Span s = MackerelTracing.openTelemetry().getTracer("t").spanBuilder("s").startSpan();
          s.end();
          return s;
        });
        assertThat(span.isRecording()).isFalse();
        assertThat(app.tracing().enabled()).isFalse();
      }
      assertThat(log.lines(Level.SEVERE)).singleElement().asString().contains(named).contains("OFF");
      assertThat(log.all()).doesNotContain(KEY);
      assertThat(receiver.requests()).isEmpty();
    }
  }

  @ParameterizedTest(name = "key {0}")
  @ValueSource(strings = {"line\nbreak", "tab\there", "inner space", "non-ascii-\u00e9", "nul\u0000"})
  void keysThatCannotTravelInAHeaderAreRefusedBeforeAnythingIsSent(String badKey) throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver(); LogCapture log = LogCapture.library()) {
      Map<String, String> config = Map.of(
          "mackerel.api-key", badKey, "otel.exporter.otlp.traces.endpoint", receiver.tracesUrl());
      try (TestDeployment app = TestDeployment.create("bad-key", config)) {
        app.call(() -> {
          MackerelTracing.openTelemetry().getTracer("t").spanBuilder("s").startSpan().end();
          return null;
        });
      }
      assertThat(log.lines(Level.SEVERE)).singleElement().asString().contains("mackerel.api-key");
      assertThat(log.all()).doesNotContain(badKey);
      assertThat(receiver.requests()).isEmpty();
    }
  }
}
