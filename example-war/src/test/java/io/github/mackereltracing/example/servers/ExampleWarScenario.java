package io.github.mackereltracing.example.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mackereltracing.example.servers.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example WAR on one real server, as its users would run it: deployed from the built WAR, answering real
 * HTTP requests, its spans arriving at a real OTLP receiver on loopback. One subclass per server and mode;
 * every subclass runs every test. WildFly (standalone-full.xml), Open Liberty and Payara Micro 6 run it on
 * their managed Arquillian adapters ({@link ArquillianScenario}, the *ArquillianIT classes); the configurations
 * that no adapter serves (Payara Micro 7, WildFly's standalone-microprofile.xml, Liberty with mpTelemetry-2.0)
 * start the server by hand here ({@link AppServer}), configured by environment variables only.
 *
 * <p>Two WARs are deployed: {@code example.war} exports every 200 ms, and {@code flush-check.war} (the
 * same WAR under another name, without otel.service.name, so named after its context root) only every ten
 * minutes, so that its spans can reach the receiver in time only through the flush when it ends (the
 * server's graceful stop here, its undeployment on the adapters).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ExampleWarScenario {
  static final String API_KEY = "mkr-it-" + UUID.randomUUID().toString().replace("-", "");
  static final String HOST_ID = "4ItHostId7x";
  static final String SERVICE = "mackerel-tracing-example";
  static final String FLUSH_SERVICE = "flush-check";
  static final Duration SPAN_WAIT = Duration.ofSeconds(20);
  static final Duration START_TIMEOUT = Duration.ofMinutes(4);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

  OtlpReceiver receiver;
  AppServer server;
  Path runDir;
  final HttpClient http = HttpClient.newBuilder()
      // HTTP/1.1: on plain http the client would otherwise ask for an h2c upgrade, which Open Liberty accepts
      // and then holds a request thread for, delaying its shutdown by a minute.
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  /** The configuration's name, as -Dservers selects it (e.g. "payara6"). */
  abstract String configuration();

  /** The server, not started yet. May skip the class with an assumption (a missing JDK). */
  abstract AppServer createServer(Path runDir);

  /**
   * The descriptor whose absence lets this server's own OpenTelemetry win over the WAR's, or null when the
   * server has none that would (see docs/servers.md). The WAR is then also deployed without it, as
   * no-descriptor.war.
   */
  String descriptorAgainstServerOpenTelemetry() {
    return null;
  }

  /**
   * Whether an asynchronous JAX-RS call on the client's own executor keeps the request's trace: only where
   * RESTEasy's classes are visible to the WAR (WildFly). See docs/http.md.
   */
  boolean clientsOwnExecutorKeepsTheTrace() {
    return false;
  }

  /**
   * Whether this configuration has a message broker, and so runs example-messaging.war, with the example's
   * Jakarta Messaging part (see the messages package), as example.war (only on the adapters: WildFly's
   * standalone-full.xml and Liberty with its messaging engine).
   */
  boolean messaging() {
    return false;
  }

  // ---- Where the server is: the hand-started AppServer here; a managed adapter's in the *ArquillianIT classes ----

  /** The URL of {@code path} (starting with the context root) on the server. */
  String url(String path) {
    return server.url(path);
  }

  /** Everything the server has logged since the example's deployments began. */
  String serverLog() {
    return server.output();
  }

  /** The process id of the server's JVM. */
  long serverPid() {
    return server.javaPid();
  }

  /**
   * Ends flush-check.war the way that should flush what its exporter still holds: here the server's graceful
   * stop (SIGTERM), which undeploys every application.
   */
  void stopFlushCheck() throws Exception {
    assertThat(server.stop(STOP_TIMEOUT)).as("stopped within " + STOP_TIMEOUT).isTrue();
  }

  @BeforeAll
  void startServer() throws Exception {
    assumeTrue(selected(configuration()), configuration() + " is not in -Dservers=" + System.getProperty("servers"));
    runDir = Paths.get(System.getProperty("runs.dir", "target/runs")).resolve(configuration());
    deleteTree(runDir);
    Files.createDirectories(runDir);
    server = createServer(runDir);
    receiver = new OtlpReceiver();

    Path hostIdFile = runDir.resolve("mackerel-agent-id");
    Files.writeString(hostIdFile, HOST_ID + "\n");
    Path plain = Wars.example();
    // flush-check sets no otel.service.name: its service is named after its context root ("flush-check"),
    // on every server, whatever the order in which the server starts CDI and the servlet context. The
    // variants have no message-driven bean of their own, which would take the example's messages.
    String config = Wars.read(plain, Wars.CONFIG);
    assertThat(config).contains("\notel.service.name=" + SERVICE + "\n");
    Path flushCheck = Wars.variant(plain, runDir.resolve("flush-check.war"), Map.of(Wars.CONFIG,
        config.replace("\notel.service.name=" + SERVICE + "\n", "\n")
            // A higher ordinal than the environment's (300): these lines win over the variables below.
            + "\nconfig_ordinal=500\notel.bsp.schedule.delay=600000\n"));
    List<Path> wars = new ArrayList<>(List.of(plain, flushCheck));
    String descriptor = descriptorAgainstServerOpenTelemetry();
    if (descriptor != null) {
      wars.add(Wars.variant(plain, runDir.resolve("no-descriptor.war"), Collections.singletonMap(descriptor, null)));
    }
    Map<String, String> env = new HashMap<>(Map.of(
        "MACKEREL_API_KEY", API_KEY,
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", receiver.tracesUrl(),
        "OTEL_BSP_SCHEDULE_DELAY", "200",
        "MACKEREL_HOST_ID_FILE", hostIdFile.toString()));
    // For experiments: -Dservers.env=OTEL_SDK_DISABLED=false,... adds variables (the server's own telemetry).
    for (String pair : System.getProperty("servers.env", "").split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        env.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
    }
    try {
      server.start(wars, env, START_TIMEOUT);
    } catch (Throwable t) {
      server.stop(Duration.ofSeconds(10));
      throw t;
    }
  }

  @AfterAll
  void stopServer() throws Exception {
    stopAndKeepSpans(server, configuration(), receiver, runDir);
  }

  /**
   * Stops the server (recording its timings under {@code configuration}, when given), writes what arrived to
   * the run's spans.txt, for reading after a failure, and closes the receiver: the teardown of every class
   * that runs the example on a server.
   */
  static void stopAndKeepSpans(AppServer server, String configuration, OtlpReceiver receiver, Path runDir)
      throws Exception {
    try {
      if (server != null) {
        server.stop(STOP_TIMEOUT);
        if (configuration != null) {
          Timings.record(configuration, server);
        }
      }
      if (receiver != null && runDir != null) {
        Files.write(runDir.resolve("spans.txt"), receiver.spanNames());
      }
    } finally {
      if (receiver != null) {
        receiver.close();
      }
    }
  }

  // ---- The application works as it would without tracing -------------------------------------------

  @Test
  @Order(1)
  void everyEndpointAnswers() throws Exception {
    assertThat(get("/example/api/users/2")).satisfies(ok("\"name\":\"Alan Turing\""));
    assertThat(get("/example/api/users")).satisfies(ok("Grace Hopper"));
    assertThat(get("/example/api/users/99").statusCode()).isEqualTo(404);
    assertThat(get("/example/api/profiles/1")).satisfies(ok("Hello, Ada Lovelace!"));
    assertThat(get("/example/api/fail").statusCode()).isEqualTo(500);
    assertThat(get("/example/api/reports/2024?delayMs=300")).satisfies(ok("Report 2024"));
    assertThat(get("/example/hello?name=Ada")).satisfies(ok("Hello, Ada!"));
    assertThat(get("/example/api/books/3")).satisfies(ok("Foundation"));
  }

  @Test
  @Order(2)
  void tracingStartsForEachDeploymentWithTheKeyMasked() {
    String log = serverLog();
    assertThat(log.lines().filter(l -> l.contains("Mackerel tracing is enabled for deployment")))
        .hasSize(2)
        .anySatisfy(l -> assertThat(l).contains("service.name=" + SERVICE))
        .anySatisfy(l -> assertThat(l).contains("service.name=" + FLUSH_SERVICE))
        .allSatisfy(l -> assertThat(l).contains("endpoint=" + receiver.tracesUrl(), "api key=****"));
    // The only deployment without tracing is the one deployed without its descriptor, if any.
    assertThat(log.lines().filter(l -> l.contains("Mackerel tracing is OFF")).count())
        .isEqualTo(descriptorAgainstServerOpenTelemetry() == null ? 0 : 1);
    assertThat(log).doesNotContain(API_KEY);
  }

  // ---- Spans the application makes through the public API -------------------------------------------

  @Test
  @Order(10)
  void plainServletCodeRecordsSpansThroughMackerelTracing() throws Exception {
    assertThat(get("/example/hello?name=Grace").statusCode()).isEqualTo(200);

    ReceivedSpan span = awaitSpan(s -> s.name().equals("compose greeting") && "5".equals(s.attribute("example.name.length")));
    assertThat(span.scopeName()).isEqualTo("io.github.mackereltracing.example");
    assertThat(span.resourceAttribute("service.name")).isEqualTo(SERVICE);
  }

  @Test
  @Order(11)
  void injectedTracerRecordsSpansOnTheManagedExecutor() throws Exception {
    assertThat(get("/example/api/reports/1999?delayMs=100").statusCode()).isEqualTo(200);

    ReceivedSpan span = awaitSpan(s -> s.name().equals("build report") && "1999".equals(s.attribute("example.report.year")));
    assertThat(span.resourceAttribute("service.name")).isEqualTo(SERVICE);
  }

  // ---- The span tree of a request ----------------------------------------------------------------------

  /** Whether this server's console pattern prints the MDC (WildFly's {@code %X{trace_id}}); see docs/servers.md. */
  boolean logPatternShowsTheMdc() {
    return false;
  }

  @Test
  @Order(12)
  void logLinesWrittenInsideARequestCarryItsTraceIds() throws Exception {
    String tag = "ids-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(get("/example/log-line?tag=" + tag).statusCode()).isEqualTo(200);
    ReceivedSpan request = awaitSpan(s -> s.kind() == SpanKind.SPAN_KIND_SERVER
        && ("tag=" + tag).equals(s.attribute("url.query")));
    String ids = "trace_id=" + request.traceId() + " span_id=" + request.spanId();
    String julLine = awaitLogLine("example jul line " + tag);
    System.out.println(configuration() + " log line (TraceIdLogFilter): " + julLine);
    assertThat(julLine).contains("[" + ids + "] example jul line " + tag);
    assertThat(julLine.indexOf("[" + ids + "]")).as("the ids once").isEqualTo(julLine.lastIndexOf("[" + ids + "]"));
    if (logPatternShowsTheMdc()) {
      String mdcLine = awaitLogLine("example log line " + tag);
      System.out.println(configuration() + " log line (MDC): " + mdcLine);
      assertThat(mdcLine).contains(ids + " example log line " + tag);
      // The library's own lines, written outside any span, carry none.
      assertThat(awaitLogLine("Mackerel tracing is enabled for deployment")).contains("trace_id= span_id= ");
    }
  }

  private String awaitLogLine(String text) throws InterruptedException {
    long deadline = System.nanoTime() + SPAN_WAIT.toNanos();
    while (true) {
      String line = serverLog().lines().filter(l -> l.contains(text)).findFirst().orElse(null);
      if (line != null || System.nanoTime() > deadline) {
        assertThat(line).as("a server log line containing '%s'", text).isNotNull();
        return line;
      }
      Thread.sleep(200);
    }
  }

  /** Whether the server runs EJBs (not WildFly's standalone-microprofile.xml): EJB timers need it. */
  boolean hasEjbContainer() {
    return true;
  }

  /** Timers fire every half minute: a little more than one period to wait for one. */
  static final Duration TIMER_WAIT = Duration.ofSeconds(45);

  @Test
  @Order(13)
  void anEjbScheduleCallIsARootSpanWithItsSqlBelow() throws Exception {
    assumeTrue(hasEjbContainer(), configuration() + " has no EJB container");
    assertTimerTrace("BookCensus.everyHalfMinute");
  }

  @Test
  @Order(14)
  void anEjbTimerServiceTimeoutIsARootSpanWithItsSqlBelow() throws Exception {
    assumeTrue(hasEjbContainer(), configuration() + " has no EJB container");
    assertTimerTrace("BookCensus.onInterval");
  }

  @Test
  @Order(15)
  void eachRunOfAPeriodicManagedTaskIsARootSpanLinkedToTheRequestThatScheduledIt() throws Exception {
    assertThat(get("/example/periodic-census").statusCode()).isEqualTo(200);
    ReceivedSpan request = awaitSpan(s -> s.kind() == SpanKind.SPAN_KIND_SERVER
        && "/example/periodic-census".equals(s.attribute("url.path")));
    ReceivedSpan run = assertTimerTrace("CensusRun.run");
    assertThat(run.traceId()).as("a trace of its own").isNotEqualTo(request.traceId());
    assertThat(run.span().getLinksList()).as("linked to the request that scheduled it").anySatisfy(link ->
        assertThat(java.util.HexFormat.of().formatHex(link.getSpanId().toByteArray())).isEqualTo(request.spanId()));
  }

  /** The root INTERNAL span {@code name}, its traced {@code BookStore.count} child and that one's SQL. */
  private ReceivedSpan assertTimerTrace(String name) throws InterruptedException {
    ReceivedSpan timer = receiver.awaitSpan(s -> s.name().equals(name) && SERVICE.equals(s.resourceAttribute("service.name")), TIMER_WAIT);
    assertThat(timer.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
    assertThat(timer.parentSpanId()).as("a root span").isEmpty();
    ReceivedSpan count = awaitSpan(childOf(timer, SpanKind.SPAN_KIND_INTERNAL));
    assertThat(count.name()).isEqualTo("BookStore.count");
    ReceivedSpan sql = awaitSpan(childOf(count, SpanKind.SPAN_KIND_CLIENT));
    assertThat(sql.attribute("db.query.text")).isEqualTo("SELECT COUNT(*) FROM books");
    return timer;
  }

  @Test
  @Order(30)
  void aRequestIsOneTraceFromItsServerSpanThroughTheOutboundCallToJdbc() throws Exception {
    assertThat(get("/example/api/profiles/3")).satisfies(ok("Grace Hopper"));

    ReceivedSpan profile = awaitSpan(serverSpan("/example/api/profiles/3"));
    assertThat(profile.name()).isEqualTo("GET /example/api/profiles/{id}");
    assertThat(profile.attribute("http.route")).isEqualTo("/example/api/profiles/{id}");
    assertThat(profile.attribute("http.request.method")).isEqualTo("GET");
    assertThat(profile.attribute("http.response.status_code")).isEqualTo("200");
    assertThat(profile.parentSpanId()).as("a request from outside starts the trace").isEmpty();
    assertThat(profile.resourceAttribute("service.name")).isEqualTo(SERVICE);

    ReceivedSpan call = awaitSpan(childOf(profile, SpanKind.SPAN_KIND_CLIENT));
    assertThat(call.name()).isEqualTo("GET");
    assertThat(call.attribute("url.full")).isEqualTo(url("/example/api/users/3"));
    assertThat(call.attribute("http.response.status_code")).isEqualTo("200");

    ReceivedSpan user = awaitSpan(childOf(call, SpanKind.SPAN_KIND_SERVER));
    assertThat(user.name()).isEqualTo("GET /example/api/users/{id}");
    assertThat(user.attribute("url.path")).isEqualTo("/example/api/users/3");

    ReceivedSpan find = awaitSpan(childOf(user, SpanKind.SPAN_KIND_INTERNAL));
    assertThat(find.name()).isEqualTo("UserService.find");
    assertThat(find.attribute("code.function.name")).isEqualTo("io.github.mackereltracing.example.users.UserService.find");

    ReceivedSpan select = awaitSpan(childOf(find, SpanKind.SPAN_KIND_CLIENT));
    assertThat(select.name()).isEqualTo("SELECT users");
    assertThat(select.attribute("db.system.name")).isEqualTo("h2database");
    assertThat(select.attribute("db.query.text")).isEqualTo("SELECT id, name, email FROM users WHERE id = ?");

    assertThat(List.of(call, user, find, select)).allSatisfy(s -> {
      assertThat(s.traceId()).isEqualTo(profile.traceId());
      assertThat(s.resourceAttribute("service.name")).isEqualTo(SERVICE);
    });
    // One SERVER span per request, whatever else the server runs.
    assertThat(receiver.spans()).filteredOn(serverSpan("/example/api/profiles/3")).hasSize(1);
    assertThat(receiver.spans()).filteredOn(serverSpan("/example/api/users/3")).hasSize(1);
  }

  @Test
  @Order(31)
  void literalsInSqlNeverReachMackerel() throws Exception {
    assertThat(get("/example/api/users")).satisfies(ok("Ada Lovelace"));

    ReceivedSpan users = awaitSpan(serverSpan("/example/api/users"));
    ReceivedSpan findAll = awaitSpan(childOf(users, SpanKind.SPAN_KIND_INTERNAL));
    ReceivedSpan select = awaitSpan(childOf(findAll, SpanKind.SPAN_KIND_CLIENT));
    assertThat(select.attribute("db.query.text")).isEqualTo("SELECT id, name, email FROM users ORDER BY id LIMIT ?");
  }

  @Test
  @Order(32)
  void anUnhandledExceptionIsAnErrorServerSpanWithTheException() throws Exception {
    assertThat(get("/example/api/fail").statusCode()).isEqualTo(500);

    ReceivedSpan fail = awaitSpan(serverSpan("/example/api/fail"));
    assertThat(fail.name()).isEqualTo("GET /example/api/fail");
    assertThat(fail.attribute("http.response.status_code")).isEqualTo("500");
    assertThat(fail.isError()).isTrue();
    // The resource's own exception on every server: Jersey (Payara) wraps it in a ServletException, RESTEasy
    // (WildFly, Open Liberty) answers 500 itself; the library records the application's exception either way.
    assertThat(fail.attribute("error.type")).isEqualTo("java.lang.IllegalStateException");
    assertThat(fail.eventAttribute("exception", "exception.type")).isEqualTo("java.lang.IllegalStateException");
    assertThat(fail.eventAttribute("exception", "exception.message"))
        .contains("Simulated failure: the payment service is unavailable");
  }

  @Test
  @Order(33)
  void aNotFoundIsNotAnErrorOfTheServerSpan() throws Exception {
    assertThat(get("/example/api/users/404").statusCode()).isEqualTo(404);

    ReceivedSpan notFound = awaitSpan(serverSpan("/example/api/users/404"));
    assertThat(notFound.attribute("http.response.status_code")).isEqualTo("404");
    assertThat(notFound.isError()).isFalse();
    // The service's exception is recorded where it was thrown.
    ReceivedSpan find = awaitSpan(childOf(notFound, SpanKind.SPAN_KIND_INTERNAL));
    assertThat(find.isError()).isTrue();
    assertThat(find.eventAttribute("exception", "exception.type")).isEqualTo("jakarta.ws.rs.NotFoundException");
  }

  @Test
  @Order(39)
  void anErrorPageThatAnswers409HandledTheException() throws Exception {
    HttpResponse<String> response = get("/example/tickets");
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body()).contains("Sold out");

    ReceivedSpan tickets = awaitSpan(serverSpan("/example/tickets"));
    assertThat(tickets.attribute("http.response.status_code")).isEqualTo("409");
    assertThat(tickets.isError()).isFalse();
    assertThat(tickets.span().getEventsList()).isEmpty();
  }

  @Test
  @Order(34)
  void anAsynchronousRequestsSpanLastsUntilItsResponse() throws Exception {
    assertThat(get("/example/api/reports/2031?delayMs=400")).satisfies(ok("Report 2031"));

    ReceivedSpan report = awaitSpan(serverSpan("/example/api/reports/2031"));
    assertThat(report.name()).isEqualTo("GET /example/api/reports/{year}");
    assertThat(report.durationNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(400).toNanos());
    ReceivedSpan work = awaitSpan(childOf(report, SpanKind.SPAN_KIND_INTERNAL));
    assertThat(work.name()).isEqualTo("build report");
    assertThat(work.span().getEndTimeUnixNano()).isLessThanOrEqualTo(report.span().getEndTimeUnixNano());
  }

  @Test
  @Order(35)
  void aPlainServletHasItsRouteAndItsCodesSpanAsChild() throws Exception {
    assertThat(get("/example/hello?name=servlet-route").statusCode()).isEqualTo(200);

    ReceivedSpan hello = awaitSpan(s -> s.kind() == SpanKind.SPAN_KIND_SERVER
        && "name=servlet-route".equals(s.attribute("url.query")));
    assertThat(hello.name()).isEqualTo("GET /example/hello");
    assertThat(hello.attribute("http.route")).isEqualTo("/example/hello");
    ReceivedSpan greeting = awaitSpan(childOf(hello, SpanKind.SPAN_KIND_INTERNAL));
    assertThat(greeting.name()).isEqualTo("compose greeting");
  }

  @Test
  @Order(36)
  void anAsynchronousClientCallOnTheApplicationsExecutorStaysInTheRequestsTrace() throws Exception {
    // docs/http.md's advice for async() calls: a client whose executor is wrapped with Context.taskWrapping.
    // On Open Liberty this call once failed with NoClassDefFoundError (RESTEasy's ThreadContext SPI).
    assertThat(get("/example/api/profiles/2/async")).satisfies(ok("Hello, Alan Turing!"));

    ReceivedSpan profile = awaitSpan(serverSpan("/example/api/profiles/2/async"));
    assertThat(profile.name()).isEqualTo("GET /example/api/profiles/{id}/async");
    ReceivedSpan call = awaitSpan(childOf(profile, SpanKind.SPAN_KIND_CLIENT));
    assertThat(call.attribute("url.full")).isEqualTo(url("/example/api/users/2"));
    assertThat(call.attribute("http.response.status_code")).isEqualTo("200");
    ReceivedSpan user = awaitSpan(childOf(call, SpanKind.SPAN_KIND_SERVER));
    assertThat(user.attribute("url.path")).isEqualTo("/example/api/users/2");
    assertThat(List.of(call, user)).allSatisfy(s -> assertThat(s.traceId()).isEqualTo(profile.traceId()));
  }

  @Test
  @Order(37)
  void anAsynchronousClientCallOnTheClientsOwnExecutorAnswersAndWhereRestEasyCarriesItStaysInTheTrace()
      throws Exception {
    assertThat(get("/example/api/profiles/3/async-own-executor")).satisfies(ok("Hello, Grace Hopper!"));
    assumeTrue(clientsOwnExecutorKeepsTheTrace(), configuration() + ": the client's own executor carries no trace");

    ReceivedSpan profile = awaitSpan(serverSpan("/example/api/profiles/3/async-own-executor"));
    ReceivedSpan call = awaitSpan(childOf(profile, SpanKind.SPAN_KIND_CLIENT));
    assertThat(call.attribute("url.full")).isEqualTo(url("/example/api/users/3"));
    ReceivedSpan user = awaitSpan(childOf(call, SpanKind.SPAN_KIND_SERVER));
    assertThat(user.traceId()).isEqualTo(profile.traceId());
  }

  // ---- JPA and work handed to other threads ----------------------------------------------------------

  @Test
  @Order(50)
  void jpaStatementsAreClientSpansUnderTheEjbMethodsSpan() throws Exception {
    assertThat(get("/example/api/books/2")).satisfies(ok("Solaris"));

    ReceivedSpan request = awaitSpan(serverSpan("/example/api/books/2"));
    assertThat(request.name()).isEqualTo("GET /example/api/books/{id}");
    ReceivedSpan ejb = awaitSpan(childOf(request, SpanKind.SPAN_KIND_INTERNAL));
    assertThat(ejb.name()).isEqualTo("BookStore.title");
    ReceivedSpan select = awaitSpan(childOf(ejb, SpanKind.SPAN_KIND_CLIENT));
    // Named and sanitized as every JDBC span; the case is the JPA provider's (Hibernate writes lower case).
    assertThat(select.name()).isEqualToIgnoringCase("SELECT books");
    assertThat(select.attribute("db.system.name")).isEqualTo("h2database");
    assertThat(select.attribute("db.query.text")).containsIgnoringCase("from books").contains("?");
    assertThat(select.traceId()).isEqualTo(request.traceId());
    Thread.sleep(500);
    assertThat(receiver.spans()).as("one span per statement").filteredOn(childOf(ejb, SpanKind.SPAN_KIND_CLIENT)).hasSize(1);
  }

  /**
   * The ways of handing work to Jakarta Concurrency (see BookResource) whose tasks this server runs without
   * the submitter's context: its defaults clear context types that they do not name, ours among them.
   */
  Set<String> concurrencyDefaultsThatClearTheTrace() {
    return Set.of();
  }

  @ParameterizedTest
  @ValueSource(strings = {"executor", "scheduled", "context-service", "asynchronous",
      "defined-executor", "defined-context-service", "defined-asynchronous"})
  @Order(51)
  void workHandedToJakartaConcurrencyStaysInTheRequestsTrace(String way) throws Exception {
    Thread.sleep(300);
    Set<String> before = new HashSet<>(receiver.spans().stream().map(ReceivedSpan::spanId).toList());
    assertThat(get("/example/api/books/3/via/" + way)).satisfies(ok("Foundation"));

    ReceivedSpan request = awaitSpan(serverSpan("/example/api/books/3/via/" + way));
    ReceivedSpan task;
    if (concurrencyDefaultsThatClearTheTrace().contains(way)) {
      task = awaitSpan(s -> s.name().equals("BookStore.title") && !before.contains(s.spanId()));
      assertThat(task.parentSpanId()).as("this server's default clears the trace context").isEmpty();
    } else {
      task = awaitSpan(childOf(request, SpanKind.SPAN_KIND_INTERNAL));
      assertThat(task.name()).isEqualTo("BookStore.title");
      assertThat(task.traceId()).isEqualTo(request.traceId());
    }
    ReceivedSpan select = awaitSpan(childOf(task, SpanKind.SPAN_KIND_CLIENT));
    assertThat(select.name()).isEqualToIgnoringCase("SELECT books");
  }

  @Test
  @Order(52)
  void aTaskSubmittedOutsideAnySpanStartsATraceOfItsOwn() throws Exception {
    // First a traced task, so that a pooled thread has run one, then one submitted outside any span, on the
    // executor that carries the trace context on every server.
    assertThat(get("/example/api/books/3/via/defined-executor")).satisfies(ok("Foundation"));
    awaitSpan(serverSpan("/example/api/books/3/via/defined-executor"));
    Thread.sleep(500);
    Set<String> before = new HashSet<>(receiver.spans().stream().map(ReceivedSpan::spanId).toList());

    assertThat(get("/example/api/books/1/via/defined-executor?detached=true")).satisfies(ok("Dune"));

    ReceivedSpan request = awaitSpan(serverSpan("/example/api/books/1/via/defined-executor"));
    // The task's span, wherever it went (a failure shows it under the request).
    ReceivedSpan task = awaitSpan(s -> s.name().equals("BookStore.title") && !before.contains(s.spanId()));
    assertThat(task.parentSpanId()).as("a root span").isEmpty();
    assertThat(task.traceId()).isNotEqualTo(request.traceId());
    assertThat(awaitSpan(childOf(task, SpanKind.SPAN_KIND_CLIENT)).name()).isEqualToIgnoringCase("SELECT books");
  }

  /**
   * Whether this server runs an EJB {@code @Asynchronous} method in the caller's trace. It hands the call to
   * its worker before any interceptor (CDI's, the EJB's or the library's) runs, so nothing of the caller's
   * context arrives unless the server carries it itself (see docs/architecture.md).
   */
  boolean ejbAsynchronousKeepsTheTrace() {
    return false;
  }

  @Test
  @Order(53)
  void anEjbAsynchronousMethod() throws Exception {
    assertThat(get("/example/api/books/2/via/ejb-asynchronous")).satisfies(ok("Solaris"));

    ReceivedSpan request = awaitSpan(serverSpan("/example/api/books/2/via/ejb-asynchronous"));
    ReceivedSpan task = awaitSpan(s -> s.name().equals("BookStore.titleLater"));
    if (ejbAsynchronousKeepsTheTrace()) {
      assertThat(task.parentSpanId()).isEqualTo(request.spanId());
    } else {
      assertThat(task.parentSpanId()).as("a root span: the caller's context is lost").isEmpty();
      assertThat(task.traceId()).isNotEqualTo(request.traceId());
    }
    assertThat(awaitSpan(childOf(task, SpanKind.SPAN_KIND_CLIENT)).name()).isEqualToIgnoringCase("SELECT books");
  }

  @Test
  @Order(54)
  void aResourceDataSourceFieldOfAnEjbIsTraced() throws Exception {
    assertThat(get("/example/api/books/count")).satisfies(ok("3"));

    ReceivedSpan request = awaitSpan(serverSpan("/example/api/books/count"));
    ReceivedSpan ejb = awaitSpan(childOf(request, SpanKind.SPAN_KIND_INTERNAL));
    assertThat(ejb.name()).isEqualTo("BookStore.count");
    ReceivedSpan select = awaitSpan(childOf(ejb, SpanKind.SPAN_KIND_CLIENT));
    assertThat(select.name()).isEqualTo("SELECT books");
    assertThat(select.attribute("db.query.text")).isEqualTo("SELECT COUNT(*) FROM books");
  }

  @Test
  @Order(55)
  void aResourceDataSourceFieldOfAServletIsTraced() throws Exception {
    assertThat(get("/example/books-count")).satisfies(ok("3"));

    ReceivedSpan request = awaitSpan(serverSpan("/example/books-count"));
    ReceivedSpan select = awaitSpan(childOf(request, SpanKind.SPAN_KIND_CLIENT));
    assertThat(select.name()).isEqualTo("SELECT books");
    assertThat(select.attribute("db.query.text")).isEqualTo("SELECT COUNT(*) FROM books WHERE title <> ?");
  }

  // ---- Jakarta Messaging --------------------------------------------------------------------------------

  @Test
  @Order(60)
  void aMessageSentInARequestIsProcessedByTheMessageDrivenBeanInTheSameTrace() throws Exception {
    assumeTrue(messaging(), configuration() + " has no message broker");
    HttpRequest order = HttpRequest.newBuilder(URI.create(url("/example/api/orders/2")))
        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
    assertThat(http.send(order, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(202);

    ReceivedSpan request = awaitSpan(serverSpan("/example/api/orders/2"));
    assertThat(request.name()).isEqualTo("POST /example/api/orders/{bookId}");
    ReceivedSpan send = awaitSpan(childOf(request, SpanKind.SPAN_KIND_PRODUCER));
    assertThat(send.name()).isEqualTo("send orders");
    assertThat(send.attribute("messaging.system")).isEqualTo("jms");
    assertThat(send.attribute("messaging.destination.name")).isEqualTo("orders");
    assertThat(send.attribute("messaging.operation.type")).isEqualTo("send");
    ReceivedSpan process = awaitSpan(childOf(send, SpanKind.SPAN_KIND_CONSUMER));
    assertThat(process.name()).isEqualTo("process orders");
    assertThat(process.attribute("messaging.operation.type")).isEqualTo("process");
    assertThat(process.attribute("messaging.message.id")).isEqualTo(send.attribute("messaging.message.id"));
    ReceivedSpan ejb = awaitSpan(childOf(process, SpanKind.SPAN_KIND_INTERNAL));
    assertThat(ejb.name()).isEqualTo("BookStore.title");
    assertThat(awaitSpan(childOf(ejb, SpanKind.SPAN_KIND_CLIENT)).name()).isEqualToIgnoringCase("SELECT books");
    assertThat(List.of(send, process, ejb)).allSatisfy(s -> assertThat(s.traceId()).isEqualTo(request.traceId()));
  }

  // ---- A server's own OpenTelemetry ahead of the WAR's ------------------------------------------------

  @Test
  @Order(40)
  void withoutItsDescriptorTheAppRunsUntracedAndOneErrorNamesTheFix() throws Exception {
    String descriptor = descriptorAgainstServerOpenTelemetry();
    assumeTrue(descriptor != null, configuration() + " needs no descriptor against its own OpenTelemetry");

    assertThat(get("/no-descriptor/api/users/1")).satisfies(ok("Ada Lovelace"));
    assertThat(get("/no-descriptor/api/profiles/2")).satisfies(ok("Alan Turing"));
    assertThat(get("/no-descriptor/hello?name=foreign")).satisfies(ok("Hello, foreign!"));
    assertThat(get("/no-descriptor/api/reports/2000?delayMs=10")).satisfies(ok("Report 2000"));

    String file = descriptor.substring(descriptor.lastIndexOf('/') + 1);
    // Named after its context root, also where CDI starts before the servlet context (Payara).
    assertThat(serverLog().lines().filter(l -> l.contains("Mackerel tracing is OFF for deployment")))
        .singleElement().asString().contains("deployment 'no-descriptor'", file);
    // Nothing of it is traced, not even in part: its requests would be the only ones under /no-descriptor.
    Thread.sleep(1000);
    assertThat(receiver.spans()).noneMatch(s -> String.valueOf(s.attribute("url.path")).startsWith("/no-descriptor")
        || String.valueOf(s.attribute("url.full")).contains("/no-descriptor/"));
  }

  // ---- What Mackerel receives -------------------------------------------------------------------------

  @Test
  @Order(20)
  void exportsAreGzippedProtobufWithTheMackerelHeaders() throws Exception {
    assertThat(get("/example/hello?name=headers").statusCode()).isEqualTo(200);
    awaitSpan(s -> "7".equals(s.attribute("example.name.length")));

    OtlpReceiver.Received request = receiver.requests().stream()
        .filter(r -> r.request() != null && r.request().toString().contains("example.name.length"))
        .findFirst().orElseThrow();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/traces");
    assertThat(request.header("Mackerel-Api-Key")).isEqualTo(API_KEY);
    assertThat(request.header("Accept")).isEqualTo("*/*");
    assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(request.header("Content-Type")).isEqualTo("application/x-protobuf");
  }

  @Test
  @Order(21)
  void resourceNamesTheServiceTheHostAndTheServerProcess() throws Exception {
    assertThat(get("/example/hello?name=resource").statusCode()).isEqualTo(200);
    ReceivedSpan span = awaitSpan(s -> "8".equals(s.attribute("example.name.length")));

    assertThat(span.resourceAttribute("service.name")).isEqualTo(SERVICE);
    assertThat(span.resourceAttribute("service.version")).isEqualTo(System.getProperty("example.version", "0.1.0-SNAPSHOT"));
    assertThat(span.resourceAttribute("deployment.environment.name")).isEqualTo("development");
    assertThat(span.resourceAttribute("host.id")).isEqualTo(HOST_ID);
    assertThat(span.resourceAttribute("host.name")).isNotBlank();
    assertThat(span.resourceAttribute("process.pid")).isEqualTo(Long.toString(serverPid()));
  }

  @Test
  @Order(22)
  void eachDeploymentHasItsOwnService() throws Exception {
    assertThat(get("/example/hello?name=separately").statusCode()).isEqualTo(200);
    assertThat(get("/flush-check/hello?name=flush-early").statusCode()).isEqualTo(200);

    assertThat(awaitSpan(s -> "10".equals(s.attribute("example.name.length")))
        .resourceAttribute("service.name")).isEqualTo(SERVICE);
    // flush-check exports only at shutdown: nothing of it has arrived.
    assertThat(receiver.spans()).noneMatch(s -> FLUSH_SERVICE.equals(s.resourceAttribute("service.name")));
  }

  // ---- Shutdown -----------------------------------------------------------------------------------------

  @Test
  @Order(100)
  void gracefulStopFlushesSpansStillQueued() throws Exception {
    assertThat(get("/flush-check/hello?name=queued").statusCode()).isEqualTo(200);
    Thread.sleep(1000);
    Predicate<ReceivedSpan> queued = s -> FLUSH_SERVICE.equals(s.resourceAttribute("service.name"))
        && "6".equals(s.attribute("example.name.length"));
    assertThat(receiver.spans()).noneMatch(queued);

    stopFlushCheck();

    assertThat(receiver.spans()).anyMatch(queued);
  }

  // ---- Helpers --------------------------------------------------------------------------------------------

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A GET of {@code path} on the server, with a timeout, its body as text. */
  static HttpResponse<String> get(HttpClient http, AppServer server, String path)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(30)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static java.util.function.Consumer<HttpResponse<String>> ok(String bodyContains) {
    return response -> {
      assertThat(response.statusCode()).as(response.uri() + " answered " + response.body()).isEqualTo(200);
      assertThat(response.body()).contains(bodyContains);
    };
  }

  /** The SERVER span of the request for exactly this path. */
  static Predicate<ReceivedSpan> serverSpan(String path) {
    return s -> s.kind() == SpanKind.SPAN_KIND_SERVER && path.equals(s.attribute("url.path"));
  }

  static Predicate<ReceivedSpan> childOf(ReceivedSpan parent, SpanKind kind) {
    return s -> s.kind() == kind && s.parentSpanId().equals(parent.spanId());
  }

  ReceivedSpan awaitSpan(Predicate<ReceivedSpan> matching) throws InterruptedException {
    return receiver.awaitSpan(matching, SPAN_WAIT);
  }

  static boolean selected(String configuration) {
    String servers = System.getProperty("servers", "all").strip();
    return servers.isEmpty() || servers.equals("all")
        || Arrays.stream(servers.split(",")).map(String::strip).anyMatch(configuration::equals);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(file);
      }
    }
  }
}
