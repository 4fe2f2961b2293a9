package io.github.mackereltracing.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.MackerelTracing;
import io.github.mackereltracing.testing.LogCapture;
import io.github.mackereltracing.testing.OtlpReceiver;
import io.github.mackereltracing.testing.TestDeployment;
import io.opentelemetry.api.trace.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One deployment's SDK, as Mackerel (played by a real OTLP receiver) and the user's log see it. */
class DeploymentTracingTest {
  static final String KEY = "mkr-TEST-key-0123456789abcdef";

  OtlpReceiver receiver;
  LogCapture log;

  @BeforeEach
  void start() throws Exception {
    receiver = new OtlpReceiver();
    log = LogCapture.library();
  }

  @AfterEach
  void stop() {
    receiver.close();
    log.close();
    assertThat(log.all()).doesNotContain(KEY);
  }

  Map<String, String> withKey(String... more) {
    Map<String, String> config = new HashMap<>();
    config.put("mackerel.api-key", KEY);
    config.put("otel.exporter.otlp.traces.endpoint", receiver.tracesUrl());
    for (int i = 0; i < more.length; i += 2) {
      config.put(more[i], more[i + 1]);
    }
    return config;
  }

  static void makeSpan(String name) {
    MackerelTracing.openTelemetry().getTracer("test").spanBuilder(name).startSpan().end();
  }

  @Test
  void tracingIsOffWithoutKeyOrExplicitEnable() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (TestDeployment app = TestDeployment.create("quiet", Map.of())) {
      Span span = app.call(() -> MackerelTracing.openTelemetry().getTracer("t").spanBuilder("s").startSpan());
      assertThat(span.isRecording()).isFalse();
      assertThat(app.tracing().enabled()).isFalse();
      assertThat(Thread.getAllStackTraces().keySet()).isSubsetOf(before);
    }
    assertThat(log.lines(Level.INFO))
        .singleElement()
        .asString()
        .contains("disabled for deployment 'quiet'", "MACKEREL_API_KEY", "otel.sdk.disabled=false");
  }

  @Test
  void apiKeyEnablesTracingAndSpansArriveAsMackerelExpects() throws Exception {
    try (TestDeployment app = TestDeployment.create("shop", withKey())) {
      app.call(() -> {
        makeSpan("checkout");
        return null;
      });
    }
    OtlpReceiver.Received request = receiver.requests().get(0);
    assertThat(request.path()).isEqualTo("/v1/traces");
    assertThat(request.header("Mackerel-Api-Key")).isEqualTo(KEY);
    assertThat(request.header("Accept")).isEqualTo("*/*");
    assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(request.header("Content-Type")).isEqualTo("application/x-protobuf");
    OtlpReceiver.ReceivedSpan span = receiver.spans().get(0);
    assertThat(span.name()).isEqualTo("checkout");
    assertThat(span.resourceAttribute("service.name")).isEqualTo("shop");
    assertThat(span.resourceAttribute("process.pid")).isEqualTo(Long.toString(ProcessHandle.current().pid()));
    assertThat(span.resourceAttribute("host.name")).isNotBlank();
    assertThat(log.lines(Level.INFO))
        .singleElement()
        .asString()
        .contains("enabled for deployment 'shop'", "exporter=otlp", "endpoint=" + receiver.tracesUrl(),
            "service.name=shop", "sampler=parentbased_always_on", "api key=****cdef");
  }

  @Test
  void theStartUpLineNamesNoEndpointWhenNothingIsSentOverOtlp() throws Exception {
    // As in the MicroProfile Telemetry TCK, whose deployments export to an in-memory exporter.
    Map<String, String> config = Map.of(
        "otel.sdk.disabled", "false", "otel.traces.exporter", "console",
        "otel.metrics.exporter", "none", "otel.logs.exporter", "none");
    try (TestDeployment app = TestDeployment.create("console-only", config)) {
      app.call(() -> {
        makeSpan("printed");
        return null;
      });
    }
    assertThat(log.lines(Level.INFO))
        .singleElement()
        .asString()
        .contains("enabled for deployment 'console-only'", "exporter=console", "service.name=console-only")
        .doesNotContain("endpoint=");
  }

  @Test
  void resourceAttributesComeFromConfigurationAndTheAgentsHostId(@TempDir Path dir) throws Exception {
    Path idFile = Files.writeString(dir.resolve("id"), "4Yx9AbCdEf1\n");
    Map<String, String> config = withKey(
        "otel.service.name", "acme_service",
        "otel.resource.attributes", "service.version=v1.2.3,deployment.environment.name=production",
        "mackerel.host-id-file", idFile.toString());
    try (TestDeployment app = TestDeployment.create("acme-war", config)) {
      app.call(() -> {
        makeSpan("awesome_action");
        return null;
      });
    }
    OtlpReceiver.ReceivedSpan span = receiver.spans().get(0);
    assertThat(span.resourceAttribute("service.name")).isEqualTo("acme_service");
    assertThat(span.resourceAttribute("service.version")).isEqualTo("v1.2.3");
    assertThat(span.resourceAttribute("deployment.environment.name")).isEqualTo("production");
    assertThat(span.resourceAttribute("host.id")).isEqualTo("4Yx9AbCdEf1");
  }

  @Test
  void anUnreadableHostIdFileIsReportedOnceAndTracingGoesOn(@TempDir Path dir) throws Exception {
    Map<String, String> config = withKey("mackerel.host-id-file", dir.resolve("missing").toString());
    try (TestDeployment app = TestDeployment.create("app", config)) {
      app.call(() -> {
        makeSpan("still-traced");
        return null;
      });
    }
    assertThat(receiver.spans()).singleElement().satisfies(s -> assertThat(s.resourceAttribute("host.id")).isNull());
    assertThat(log.lines(Level.WARNING)).singleElement().asString().contains("mackerel.host-id-file", "missing");
  }

  @Test
  void undeployFlushesEveryQueuedSpanAndStopsOurThread() throws Exception {
    // A schedule delay far longer than the test: only the undeploy's flush can deliver these spans.
    Map<String, String> config = withKey("otel.bsp.schedule.delay", "600000");
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (TestDeployment app = TestDeployment.create("flush", config)) {
      app.call(() -> {
        for (int i = 0; i < 300; i++) {
          makeSpan("queued-" + i);
        }
        return null;
      });
      assertThat(receiver.spans()).isEmpty();
    }
    assertThat(receiver.spans()).hasSize(300);
    // The worker leaves its loop right after the final flush; give it a moment to do so.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (newProcessorThreads(before) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(newProcessorThreads(before)).isZero();
  }

  static long newProcessorThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.isAlive() && t.getName().startsWith("BatchSpanProcessor"))
        .count();
  }

  @Test
  void twoDeploymentsInOneJvmKeepTheirOwnServiceAndEndpoint() throws Exception {
    try (OtlpReceiver other = new OtlpReceiver();
        TestDeployment shop = TestDeployment.create("shop", withKey());
        TestDeployment admin = TestDeployment.create("admin",
            withKey("otel.exporter.otlp.traces.endpoint", other.tracesUrl(), "otel.service.name", "backoffice"))) {
      shop.call(() -> {
        makeSpan("from-shop");
        return null;
      });
      admin.call(() -> {
        makeSpan("from-admin");
        return null;
      });
      shop.close();
      admin.close();
      assertThat(receiver.spanNames()).containsExactly("from-shop");
      assertThat(receiver.spans().get(0).resourceAttribute("service.name")).isEqualTo("shop");
      assertThat(other.spanNames()).containsExactly("from-admin");
      assertThat(other.spans().get(0).resourceAttribute("service.name")).isEqualTo("backoffice");
    }
  }

  @Test
  void consoleExporterPrintsSpansForDebugging() throws Exception {
    try (LogCapture console = LogCapture.of("io.opentelemetry.exporter.logging.LoggingSpanExporter");
        TestDeployment app = TestDeployment.create("debug",
            Map.of("otel.sdk.disabled", "false", "otel.traces.exporter", "console"))) {
      app.call(() -> {
        makeSpan("printed-span");
        return null;
      });
      app.close();
      assertThat(console.all()).contains("printed-span");
    }
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void explicitDisableWinsOverTheKey() throws Exception {
    try (TestDeployment app = TestDeployment.create("off", withKey("otel.sdk.disabled", "true"))) {
      app.call(() -> {
        makeSpan("never");
        return null;
      });
      assertThat(app.tracing().enabled()).isFalse();
    }
    assertThat(receiver.requests()).isEmpty();
  }
}
