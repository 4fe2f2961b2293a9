package io.github.mackereltracing.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.MackerelTracing;
import io.github.mackereltracing.jdbc.TracedDataSource;
import io.github.mackereltracing.testing.LogCapture;
import io.github.mackereltracing.testing.OtlpReceiver;
import io.github.mackereltracing.testing.TestDeployment;
import io.github.mackereltracing.testing.TestKeys;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each bad value: the deployment still serves, one SEVERE line names the property at fault, tracing is off,
 * nothing is sent, and the key appears nowhere.
 */
class BadConfigurationTest {
  static final String KEY = TestKeys.key("bad-config");

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
      "mackerel.api-key                   | 'TESTKEY abc'        | mackerel.api-key",
      // Values the SDK would refuse without naming the property, or take and then fail every export with.
      "otel.bsp.max.queue.size            | 0                    | otel.bsp.max.queue.size",
      "otel.bsp.max.export.batch.size     | -1                   | otel.bsp.max.export.batch.size",
      "otel.bsp.export.timeout            | -5s                  | otel.bsp.export.timeout",
      "otel.exporter.otlp.timeout         | 10x                  | otel.exporter.otlp.timeout",
      "otel.exporter.otlp.traces.timeout  | -1                   | otel.exporter.otlp.traces.timeout",
      "otel.span.attribute.count.limit    | -3                   | otel.span.attribute.count.limit",
      "otel.traces.sampler.arg            | 1.5                  | otel.traces.sampler.arg",
      "otel.traces.sampler.arg            | NaN                  | otel.traces.sampler.arg",
      "otel.exporter.otlp.traces.compression | brotli            | otel.exporter.otlp.traces.compression",
      "otel.exporter.otlp.certificate     | /nonexistent/ca.pem  | otel.exporter.otlp.certificate",
      "otel.exporter.otlp.traces.endpoint | http://127.0.0.1:99999/v1/traces | otel.exporter.otlp.traces.endpoint",
      "otel.exporter.otlp.headers         | x-team=a%0Ab         | otel.exporter.otlp.headers",
      "otel.exporter.otlp.headers         | x-token=TESTKEY%00   | otel.exporter.otlp.headers",
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

  /**
   * Values that are wrong but have a safe meaning: the deployment is traced as documented for the default,
   * and one WARNING line names the property, however much the application runs.
   */
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "mackerel.jdbc.root-spans       | yes",
      "mackerel.jdbc.connection-spans | 1",
      "mackerel.jdbc.legacy-attributes| on",
      "mackerel.jdbc.cdi-wrap         | nope",
      "otel.exporter.otlp.timeout     | 0",
      "mackerel.host-id-file          | /",
      "mackerel.host-id-file          | /nonexistent/mackerel-agent/id",
  })
  void doubtfulValueIsReportedOnceAndItsDefaultUsed(String property, String value) throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver(); LogCapture log = LogCapture.library()) {
      Map<String, String> config = new HashMap<>();
      config.put("mackerel.api-key", KEY);
      config.put("otel.exporter.otlp.traces.endpoint", receiver.tracesUrl());
      config.put("otel.bsp.schedule.delay", "20");
      config.put(property, value);
      try (TestDeployment app = TestDeployment.create("doubtful", config)) {
        app.call(() -> {
          // Each traced DataSource reads the JDBC settings when it first finds the deployment.
          for (int i = 0; i < 5; i++) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:doubtful" + i);
            DataSource ds = TracedDataSource.wrap(h2);
            Span request = MackerelTracing.openTelemetry().getTracer("t").spanBuilder("request").startSpan();
            try (Scope ignored = request.makeCurrent();
                Connection c = ds.getConnection(); Statement st = c.createStatement()) {
              st.execute("SELECT 1");
            } finally {
              request.end();
            }
            // Outside any trace: no span unless mackerel.jdbc.root-spans=true, which "yes" is not.
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
              st.execute("SELECT 2");
            }
          }
          return null;
        });
        assertThat(app.tracing().enabled()).isTrue();
        receiver.awaitSpan(s -> s.name().equals("request"), Duration.ofSeconds(20));
      }
      assertThat(log.lines(Level.WARNING)).singleElement().asString().contains(property);
      assertThat(receiver.spanNames()).hasSize(10).containsOnly("request", "SELECT");
    }
  }

  @Test
  void aBlankKeyIsReportedAndLeavesTracingOff() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver(); LogCapture log = LogCapture.library()) {
      try (TestDeployment app = TestDeployment.create("blank-key", Map.of(
          "mackerel.api-key", "   ", "otel.exporter.otlp.traces.endpoint", receiver.tracesUrl()))) {
        app.call(() -> {
          MackerelTracing.openTelemetry().getTracer("t").spanBuilder("s").startSpan().end();
          return null;
        });
        assertThat(app.tracing().enabled()).isFalse();
      }
      assertThat(log.lines(Level.WARNING)).singleElement().asString().contains("mackerel.api-key", "empty");
      assertThat(receiver.requests()).isEmpty();
    }
  }

  @Test
  void credentialsInTheEndpointUrlNeverReachTheLog() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver(); LogCapture log = LogCapture.library()) {
      receiver.respondWith(503);
      String withUser = receiver.tracesUrl().replace("http://", "http://user:" + TestKeys.key("user-info") + "@");
      try (TestDeployment app = TestDeployment.create("url-key", Map.of(
          "mackerel.api-key", KEY, "otel.exporter.otlp.traces.endpoint", withUser,
          "otel.bsp.schedule.delay", "600000", "otel.exporter.otlp.timeout", "2s"))) {
        app.call(() -> {
          MackerelTracing.openTelemetry().getTracer("t").spanBuilder("s").startSpan().end();
          return null;
        });
      }
      // The start-up line and the loss line name the endpoint, without its user info.
      assertThat(log.all()).contains("http://***@127.0.0.1:").doesNotContain(TestKeys.MARK);
      assertThat(receiver.requests()).isNotEmpty();

      String withQuery = receiver.tracesUrl() + "?token=" + TestKeys.key("in-query");
      try (TestDeployment app = TestDeployment.create("url-query", Map.of(
          "mackerel.api-key", KEY, "otel.exporter.otlp.traces.endpoint", withQuery))) {
        app.tracing().startNow();
        assertThat(app.tracing().enabled()).isFalse();
      }
      assertThat(log.lines(Level.SEVERE)).singleElement().asString()
          .contains("otel.exporter.otlp.traces.endpoint", "/v1/traces?***", "query string")
          .doesNotContain(TestKeys.MARK);
    }
  }

  @ParameterizedTest(name = "key {0}")
  @ValueSource(strings = {"TESTKEY-line\nbreak", "TESTKEY-tab\there", "TESTKEY inner space", "TESTKEY-non-ascii-\u00e9",
      "TESTKEY-nul\u0000"})
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
