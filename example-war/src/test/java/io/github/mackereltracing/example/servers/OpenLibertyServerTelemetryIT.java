package io.github.mackereltracing.example.servers;

import static io.github.mackereltracing.example.servers.ExampleWarScenario.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mackereltracing.example.servers.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Open Liberty with its own MicroProfile Telemetry switched on for the server ({@code OTEL_SDK_DISABLED=false}
 * and an OTLP/HTTP exporter aimed at the test's receiver), the Mackerel key set as well: Liberty traces every
 * request, so the library steps aside with one warning. The application serves as always, and each request
 * arrives as one SERVER span, Liberty's, never a second one of ours.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenLibertyServerTelemetryIT {
  static final String CONFIGURATION = "liberty-server-telemetry";
  /** The scopes of every span the library and the example make; none may arrive. */
  static final String OUR_SCOPES = "io.github.mackerel";

  OtlpReceiver receiver;
  AppServer server;
  Path runDir;
  final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void startServer() throws Exception {
    assumeTrue(ExampleWarScenario.selected(CONFIGURATION),
        CONFIGURATION + " is not in -Dservers=" + System.getProperty("servers"));
    runDir = Paths.get(System.getProperty("runs.dir", "target/runs")).resolve(CONFIGURATION);
    ExampleWarScenario.deleteTree(runDir);
    Files.createDirectories(runDir);
    List<String> features = new ArrayList<>(OpenLiberty.FEATURES);
    features.add("mpTelemetry-2.0");
    server = new OpenLiberty(CONFIGURATION, runDir, features);
    receiver = new OtlpReceiver();
    Map<String, String> env = Map.of(
        "MACKEREL_API_KEY", ExampleWarScenario.API_KEY,
        // What switches Liberty's own SDK on, for the whole server; the WAR's MicroProfile Config sees it too.
        "OTEL_SDK_DISABLED", "false",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", receiver.tracesUrl(),
        // Liberty's default is gRPC, which refuses an endpoint with a path.
        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
        "OTEL_BSP_SCHEDULE_DELAY", "200",
        "OTEL_METRICS_EXPORTER", "none",
        "OTEL_LOGS_EXPORTER", "none");
    try {
      server.start(List.of(Wars.example()), env, ExampleWarScenario.START_TIMEOUT);
    } catch (Throwable t) {
      server.stop(Duration.ofSeconds(10));
      throw t;
    }
  }

  @AfterAll
  void stopServer() throws Exception {
    ExampleWarScenario.stopAndKeepSpans(server, CONFIGURATION, receiver, runDir);
  }

  @Test
  @Order(1)
  void everyEndpointAnswers() throws Exception {
    assertThat(get("/example/api/users/2")).satisfies(ok("\"name\":\"Alan Turing\""));
    assertThat(get("/example/api/users")).satisfies(ok("Grace Hopper"));
    assertThat(get("/example/api/users/99").statusCode()).isEqualTo(404);
    assertThat(get("/example/api/profiles/1")).satisfies(ok("Hello, Ada Lovelace!"));
    assertThat(get("/example/api/fail").statusCode()).isEqualTo(500);
    assertThat(get("/example/api/reports/2024?delayMs=100")).satisfies(ok("Report 2024"));
    assertThat(get("/example/hello?name=Ada")).satisfies(ok("Hello, Ada!"));
  }

  @Test
  @Order(2)
  void oneWarningNamesLibertyAndBothWaysOut() {
    String log = server.output();
    assertThat(log.lines().filter(l -> l.contains("Mackerel tracing steps aside for deployment")))
        .singleElement().asString()
        .contains("'example'", "Open Liberty's own MicroProfile Telemetry", "otel.sdk.disabled=false",
            "set MACKEREL_API_KEY", "https://otlp-vaxila.mackerelio.com/v1/traces", "Mackerel-Api-Key=<your key>");
    assertThat(log).doesNotContain("Mackerel tracing is enabled").doesNotContain("Mackerel tracing is OFF");
    assertThat(log).doesNotContain(ExampleWarScenario.API_KEY);
  }

  @Test
  @Order(3)
  void eachRequestIsOneServerSpanLibertysNotASecondOfOurs() throws Exception {
    assertThat(get("/example/api/users/3")).satisfies(ok("Grace Hopper"));
    assertThat(get("/example/api/profiles/2")).satisfies(ok("Alan Turing"));
    assertThat(get("/example/hello?name=once")).satisfies(ok("Hello, once!"));

    ReceivedSpan users = receiver.awaitSpan(serverSpan("/example/api/users/3"), ExampleWarScenario.SPAN_WAIT);
    ReceivedSpan profile = receiver.awaitSpan(serverSpan("/example/api/profiles/2"), ExampleWarScenario.SPAN_WAIT);
    Predicate<ReceivedSpan> hello = serverSpan("/example/hello").and(s -> "name=once".equals(s.attribute("url.query")));
    receiver.awaitSpan(hello, ExampleWarScenario.SPAN_WAIT);
    assertThat(List.of(users, profile)).allSatisfy(s -> assertThat(s.scopeName()).doesNotStartWith(OUR_SCOPES));
    // Anything of ours would have been exported within a few schedule delays (200 ms) of Liberty's.
    Thread.sleep(2000);
    assertThat(receiver.spans()).filteredOn(serverSpan("/example/api/users/3")).hasSize(1);
    assertThat(receiver.spans()).filteredOn(serverSpan("/example/api/profiles/2")).hasSize(1);
    // The outbound call's server side, /api/users/2, is Liberty's too, and in the same trace.
    assertThat(receiver.spans()).filteredOn(serverSpan("/example/api/users/2"))
        .anySatisfy(s -> assertThat(s.traceId()).isEqualTo(profile.traceId()));
    assertThat(receiver.spans()).filteredOn(hello).hasSize(1);
    assertThat(receiver.spans()).noneMatch(s -> s.scopeName().startsWith(OUR_SCOPES));
  }

  HttpResponse<String> get(String path) throws Exception {
    return ExampleWarScenario.get(http, server, path);
  }

  /** A SERVER span of a request to exactly this path (without its query), whichever attribute names it. */
  static Predicate<ReceivedSpan> serverSpan(String path) {
    return s -> s.kind() == SpanKind.SPAN_KIND_SERVER
        && (path.equals(s.attribute("url.path")) || path.equals(pathOf(s.attribute("http.target"))));
  }

  private static String pathOf(String target) {
    if (target == null) {
      return null;
    }
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }
}
