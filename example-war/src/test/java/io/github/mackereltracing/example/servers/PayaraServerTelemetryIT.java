package io.github.mackereltracing.example.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Payara Micro 6 with its own MicroProfile Telemetry switched on ({@code OTEL_SDK_DISABLED=false}): Payara's
 * SDK fails the deployment of a WAR that carries OpenTelemetry's SDK plug-ins, with or without the library
 * (docs/servers.md). The library cannot prevent it; it says why, and how to choose, just before. Should a
 * Payara version deploy the WAR, this test fails, and the docs need another look.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayaraServerTelemetryIT {
  static final String CONFIGURATION = "payara6-server-telemetry";

  AppServer server;

  @Test
  void payarasSdkFailsTheDeploymentAndTheLibrarysLineSaysWhyFirst() throws Exception {
    assumeTrue(ExampleWarScenario.selected(CONFIGURATION),
        CONFIGURATION + " is not in -Dservers=" + System.getProperty("servers"));
    Path runDir = Paths.get(System.getProperty("runs.dir", "target/runs")).resolve(CONFIGURATION);
    ExampleWarScenario.deleteTree(runDir);
    Files.createDirectories(runDir);
    server = new PayaraMicro(CONFIGURATION, runDir, "payara6", Paths.get(AppServer.javaHome()));
    Map<String, String> env = Map.of(
        "MACKEREL_API_KEY", ExampleWarScenario.API_KEY,
        "OTEL_SDK_DISABLED", "false",
        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
        // Nothing listens there: nothing is meant to be sent.
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:9/v1/traces");

    AssertionError failed = catchThrowableOfType(AssertionError.class,
        () -> server.start(List.of(Wars.example()), env, ExampleWarScenario.START_TIMEOUT));

    assertThat(failed).as("Payara deployed the WAR with its own telemetry on").isNotNull()
        .hasMessageContaining("failed to deploy");
    String log = server.output();
    assertThat(log).contains("CDI deployment failure:null");
    List<String> ours = log.lines().filter(l -> l.contains("Mackerel tracing steps aside for deployment")).toList();
    assertThat(ours).singleElement().asString()
        .contains("Payara's SDK is about to fail this deployment", "set MACKEREL_API_KEY",
            "remove this library and the OpenTelemetry SDK jars from the WAR",
            "https://otlp-vaxila.mackerelio.com/v1/traces");
    assertThat(log.indexOf(ours.get(0))).isLessThan(log.indexOf("CDI deployment failure:null"));
    assertThat(log).doesNotContain(ExampleWarScenario.API_KEY);
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      server.stop(Duration.ofSeconds(30));
      Timings.record(CONFIGURATION, server);
    }
  }
}
