package io.github.mackereltracing.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.MackerelTracing;
import io.github.mackereltracing.internal.http.HttpSettings;
import io.github.mackereltracing.internal.http.PathPatterns;
import io.github.mackereltracing.testing.LogCapture;
import io.github.mackereltracing.testing.TestDeployment;
import io.github.mackereltracing.testing.MemorySpanExporterProvider;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The microprofile-config.properties snippets of the READMEs, docs/collector.md and docs/troubleshooting.md
 * (src/test/resources/docs/NAME/META-INF/) deployed as a WAR carries them: what they promise holds.
 */
class ConfigSnippetsTest {
  /**
   * A deployment whose class loader sees only that snippet's META-INF/microprofile-config.properties; context
   * parameters are the lowest-precedence source, so the snippet's file wins over them.
   */
  private static TestDeployment deploy(String snippet, Map<String, String> contextParams) throws Exception {
    Path root = Path.of(ConfigSnippetsTest.class.getResource("/docs/" + snippet + "/").toURI());
    return TestDeployment.of("shop", root, contextParams);
  }

  @ParameterizedTest
  @ValueSource(strings = {"configure", "configure-ja"})
  void resourceAttributesOfTheReadmes(String snippet) throws Exception {
    MemorySpanExporterProvider.SPANS.reset();
    try (TestDeployment app = deploy(snippet, Map.of("otel.sdk.disabled", "false",
        "otel.traces.exporter", MemorySpanExporterProvider.NAME, "otel.bsp.schedule.delay", "50"))) {
      app.call(() -> {
        MackerelTracing.openTelemetry().getTracer("t").spanBuilder("awesome_action").startSpan().end();
        ((OpenTelemetrySdk) MackerelTracing.openTelemetry()).getSdkTracerProvider().forceFlush()
            .join(10, TimeUnit.SECONDS);
        return null;
      });
    }
    Resource resource = MemorySpanExporterProvider.SPANS.getFinishedSpanItems().get(0).getResource();
    assertThat(resource.getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("acme_service");
    assertThat(resource.getAttribute(AttributeKey.stringKey("service.version"))).isEqualTo("vX.Y.Z");
    assertThat(resource.getAttribute(AttributeKey.stringKey("deployment.environment.name"))).isEqualTo("production");
    assertThat(resource.getAttribute(AttributeKey.stringKey("host.name"))).isNotBlank();
    assertThat(resource.getAttribute(AttributeKey.longKey("process.pid"))).isPositive();
  }

  @Test
  void collectorSettingsEnableTracingWithoutKeyOrMackerelHeaders() throws Exception {
    try (LogCapture log = LogCapture.library(); TestDeployment app = deploy("collector", Map.of())) {
      app.tracing().startNow();

      assertThat(app.tracing().enabled()).isTrue();
      assertThat(log.linesAt(Level.INFO)).contains("INFO Mackerel tracing is enabled for deployment 'shop': exporter=otlp,"
          + " endpoint=http://localhost:4318/v1/traces, service.name=acme_service, sampler=parentbased_always_on,"
          + " api key=(none)");
      Map<String, String> sdk = app.tracing().telemetry().settings().sdkProperties();
      assertThat(sdk).doesNotContainKeys("otel.exporter.otlp.traces.headers", "otel.exporter.otlp.headers");
      assertThat(sdk).containsEntry("otel.exporter.otlp.protocol", "http/protobuf");
    }
  }

  @Test
  void consoleExporterPrintsEachSpanToTheServerLog() throws Exception {
    try (LogCapture library = LogCapture.library();
        LogCapture console = LogCapture.of("io.opentelemetry.exporter.logging.LoggingSpanExporter");
        TestDeployment app = deploy("console", Map.of())) {
      app.call(() -> {
        app.tracing().tracer().spanBuilder("awesome_action").setAttribute("id", 42L).startSpan().end();
        ((OpenTelemetrySdk) MackerelTracing.openTelemetry()).getSdkTracerProvider().forceFlush()
            .join(10, TimeUnit.SECONDS);
        return null;
      });

      assertThat(library.linesAt(Level.INFO)).contains("INFO Mackerel tracing is enabled for deployment 'shop':"
          + " exporter=console, service.name=shop, sampler=parentbased_always_on, api key=(none)");
      String line = console.lines().get(0).substring("INFO ".length());
      assertThat(line).startsWith("'awesome_action' : ");
      // docs/troubleshooting.md shows the line as printed; only the random ids differ.
      String shown = line.replaceAll("\\b[0-9a-f]{32}\\b", "94259e2c4b68ddbf1962b5a0a535df1c")
          .replaceAll("\\b[0-9a-f]{16}\\b", "a0e53b1012438e7c")
          // The jar's version; classes run from target/classes have none and say "dev".
          .replace("[tracer: io.github.mackerel-tracing:dev]", "[tracer: io.github.mackerel-tracing:0.1.0-SNAPSHOT]");
      System.out.println("console exporter line: " + shown);
      assertThat(Files.readString(Path.of("docs/troubleshooting.md"))).contains(shown);
    }
  }

  @Test
  void samplingSnippetKeepsOneTraceInTen() throws Exception {
    try (LogCapture log = LogCapture.library(); TestDeployment app = deploy("sampling", Map.of(
        "otel.sdk.disabled", "false", "otel.traces.exporter", MemorySpanExporterProvider.NAME))) {
      app.tracing().startNow();

      assertThat(String.join("\n", log.linesAt(Level.INFO))).contains("sampler=parentbased_traceidratio(0.1)");
      assertThat(app.call(() -> ((OpenTelemetrySdk) MackerelTracing.openTelemetry()).getSdkTracerProvider()
          .getSampler().getDescription())).contains("TraceIdRatioBased{0.100000}");
    }
  }

  @Test
  void excludedPathsReplaceTheSkipPattern() throws Exception {
    try (TestDeployment app = deploy("excluded-paths", Map.of(
        "otel.sdk.disabled", "false", "otel.traces.exporter", MemorySpanExporterProvider.NAME))) {
      PathPatterns excluded = HttpSettings.of(app.tracing()).excludedPaths();

      assertThat(excluded.matches("/api", "/ping")).isTrue();
      assertThat(excluded.matches("/api", "/status/db")).isTrue();
      assertThat(excluded.matches("/health", "/live")).isTrue();
      assertThat(excluded.matches("/api", "/users/1")).isFalse();
      assertThat(excluded.matches("/api", "/pings")).isFalse();
    }
  }
}
