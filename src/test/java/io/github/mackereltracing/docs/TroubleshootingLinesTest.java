package io.github.mackereltracing.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.MackerelTracing;
import io.github.mackereltracing.internal.config.SdkSettings;
import io.github.mackereltracing.testing.LogCapture;
import io.github.mackereltracing.testing.OtlpReceiver;
import io.github.mackereltracing.testing.TestDeployment;
import io.github.mackereltracing.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * The log lines docs/troubleshooting.md quotes are the ones the library prints: each situation is produced
 * here (a real OTLP receiver stands in for Mackerel and answers what Mackerel would), and the line must be in
 * the page as printed, with the receiver's address read as Mackerel's endpoint.
 */
class TroubleshootingLinesTest {
  private static final String KEY = TestKeys.key("docs");
  private static final String DEPLOYMENT = "shop";

  private static String page() throws Exception {
    return Files.readString(Path.of("docs/troubleshooting.md"));
  }

  /** The line without its level, as the page shows it after "SEVERE:", "WARNING:" or "INFO:". */
  private static String quoted(String line, OtlpReceiver receiver) {
    String message = line.substring(line.indexOf(' ') + 1);
    return receiver == null ? message : message.replace(receiver.tracesUrl(), SdkSettings.MACKEREL_TRACES_ENDPOINT);
  }

  private static void assertQuoted(String line) throws Exception {
    System.out.println("troubleshooting line: " + line);
    assertThat(page()).as("docs/troubleshooting.md quotes the line").contains(line);
  }

  @Test
  void disabledAndEnabledStartUpLines() throws Exception {
    try (LogCapture log = LogCapture.library()) {
      try (TestDeployment app = TestDeployment.create(DEPLOYMENT, Map.of())) {
        app.tracing().startNow();
      }
      try (TestDeployment app = TestDeployment.create(DEPLOYMENT, Map.of(
          "mackerel.api-key", KEY,
          "otel.resource.attributes", "service.version=vX.Y.Z,deployment.environment.name=production",
          "otel.service.name", "acme_service"))) {
        app.tracing().startNow(); // no span is made: nothing is sent to Mackerel
      }
      List<String> lines = log.linesAt(Level.INFO);
      assertThat(lines).hasSize(2);
      for (String line : lines) {
        assertQuoted(quoted(line, null));
      }
    }
  }

  @Test
  void aKeyWithoutWritePermission() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver(); LogCapture log = LogCapture.library()) {
      receiver.respondWith(401);
      try (TestDeployment app = deployment(receiver, Map.of())) {
        span(app);
      }
      assertQuoted(quoted(log.linesAt(Level.SEVERE).get(0), receiver));
      assertQuoted(quoted(log.linesAt(Level.WARNING).get(0), receiver));
    }
  }

  @Test
  void overThePlansAllowance() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver(); LogCapture log = LogCapture.library()) {
      receiver.respondWith(429); // retried with backoff first, then counted
      try (TestDeployment app = deployment(receiver, Map.of())) {
        span(app);
      }
      assertThat(log.lines(Level.SEVERE)).isEmpty();
      assertQuoted(quoted(log.linesAt(Level.WARNING).get(0), receiver));
    }
  }

  @Test
  void aSettingThatCannotBeUsed() throws Exception {
    try (LogCapture log = LogCapture.library()) {
      try (TestDeployment app = TestDeployment.create(DEPLOYMENT, Map.of(
          "mackerel.api-key", KEY, "otel.traces.sampler", "parentbased_traceidratio",
          "otel.traces.sampler.arg", "10"))) {
        app.tracing().startNow();
        assertThat(app.tracing().enabled()).isFalse();
      }
      assertQuoted(quoted(log.linesAt(Level.SEVERE).get(0), null));
    }
  }

  private static TestDeployment deployment(OtlpReceiver receiver, Map<String, String> more) throws Exception {
    Map<String, String> config = new HashMap<>(more);
    config.put("mackerel.api-key", KEY);
    config.put("otel.exporter.otlp.traces.endpoint", receiver.tracesUrl());
    config.put("otel.bsp.schedule.delay", "600000"); // one batch, sent by the undeploy's flush
    return TestDeployment.create(DEPLOYMENT, config);
  }

  private static void span(TestDeployment app) throws Exception {
    app.call(() -> {
      MackerelTracing.openTelemetry().getTracer("t").spanBuilder("GET /shop/api/users/{id}").startSpan().end();
      return null;
    });
  }

}
