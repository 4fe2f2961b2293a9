package io.github.mackereltracing.httptest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.testing.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a user of the library sees for HTTP traffic, written once and run on every container (a subclass
 * per container and per way of reading spans). The deployed application is {@link TestShop} at {@code
 * /shop}, with RESTEasy at {@code /shop/api}. Requests are real HTTP over loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HttpTracingScenarios {
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private URI base;

  /** Deploys {@link TestShop} with these context parameters; returns its base URI ({@code .../shop/}). */
  protected abstract URI deploy(Map<String, String> params) throws Exception;

  protected abstract SpanSource spans();

  protected abstract void undeploy() throws Exception;

  /** Whether the deployment has a MicroProfile Rest Client implementation. */
  protected boolean hasMicroProfileRestClient() {
    return true;
  }

  /**
   * Whether the JAX-RS implementation lets a resource's unmapped exception escape to the servlet container
   * (Jersey, wrapped in a ServletException) rather than answer 500 itself (RESTEasy; its resources here are not
   * CDI beans, so no interceptor sees the exception).
   */
  protected boolean unmappedJaxRsExceptionEscapes() {
    return false;
  }

  /** Whether the JAX-RS client's own executor carries the caller's context (RESTEasy's does; Jersey's not). */
  protected boolean clientsOwnExecutorCarriesTheContext() {
    return true;
  }

  /** What the scenarios need configured, besides where spans go. */
  protected Map<String, String> scenarioParams() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("otel.sdk.disabled", "false");
    params.put("otel.propagators", "tracecontext,baggage,b3multi,jaeger");
    params.put("otel.bsp.schedule.delay", "20");
    params.put("otel.metrics.exporter", "none");
    params.put("otel.logs.exporter", "none");
    params.put("mackerel.host-id-file", "/nonexistent/mackerel-id");
    params.put("otel.instrumentation.http.server.capture-request-headers",
        "X-Request-Id,Authorization,Cookie,Mackerel-Api-Key,Proxy-Authorization");
    params.put("otel.instrumentation.http.server.capture-response-headers", "X-Response-Id,Set-Cookie");
    params.put("otel.instrumentation.http.client.capture-request-headers", "X-Request-Id,Authorization");
    return params;
  }

  @BeforeAll
  void deployShop() throws Exception {
    base = deploy(scenarioParams());
  }

  @AfterAll
  void undeployShop() throws Exception {
    undeploy();
  }

  // ---- servlet routes and attributes

  @Test
  void servletRequestBecomesAServerSpanNamedAfterItsRoute() throws Exception {
    Trace trace = Trace.random();
    HttpResponse<String> response = get("hello", "traceparent", trace.traceparent(), "User-Agent", "scenario/1.0");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-App-Filter-Saw-Span")).as("ran ahead of the app's filter")
        .hasValue("true");

    RecordedSpan span = onlyServerSpan(trace.id);
    assertThat(span.name()).isEqualTo("GET /shop/hello");
    assertThat(span.parentSpanId()).isEqualTo(trace.parentSpanId);
    assertThat(span.error()).isFalse();
    assertThat(span.attributes())
        .containsEntry("http.request.method", "GET")
        .containsEntry("http.route", "/shop/hello")
        .containsEntry("url.scheme", "http")
        .containsEntry("url.path", "/shop/hello")
        .containsEntry("server.address", "127.0.0.1")
        .containsEntry("server.port", (long) base.getPort())
        .containsEntry("network.protocol.version", "1.1")
        .containsEntry("client.address", "127.0.0.1")
        .containsEntry("user_agent.original", "scenario/1.0")
        .containsEntry("http.response.status_code", 200L)
        .doesNotContainKey("error.type")
        .doesNotContainKey("url.query");
  }

  @Test
  void pathMappingsGiveWildcardRoutes() throws Exception {
    Trace trace = Trace.random();
    get("status/anything?code=200", "traceparent", trace.traceparent());
    RecordedSpan span = onlyServerSpan(trace.id);
    assertThat(span.name()).isEqualTo("GET /shop/status/*");
    assertThat(span.attribute("url.query")).isEqualTo("code=200");
  }

  @Test
  void unknownMethodsAreReportedAsOther() throws Exception {
    Trace trace = Trace.random();
    HttpRequest request = HttpRequest.newBuilder(base.resolve("hello")).header("traceparent", trace.traceparent())
        .method("PROPFIND", HttpRequest.BodyPublishers.noBody()).build();
    http.send(request, HttpResponse.BodyHandlers.ofString());
    RecordedSpan span = onlyServerSpan(trace.id);
    assertThat(span.name()).isEqualTo("HTTP /shop/hello");
    assertThat(span.attributes())
        .containsEntry("http.request.method", "_OTHER")
        .containsEntry("http.request.method_original", "PROPFIND");
  }

  @Test
  void proxyHeadersDescribeTheOriginalRequest() throws Exception {
    Trace trace = Trace.random();
    get("hello", "traceparent", trace.traceparent(), "X-Forwarded-For", "203.0.113.9, 10.0.0.1",
        "X-Forwarded-Proto", "https", "X-Forwarded-Host", "shop.example.com:8443");
    assertThat(onlyServerSpan(trace.id).attributes())
        .containsEntry("client.address", "203.0.113.9")
        .containsEntry("network.peer.address", "127.0.0.1")
        .containsEntry("url.scheme", "https")
        .containsEntry("server.address", "shop.example.com")
        .containsEntry("server.port", 8443L);
  }

  // ---- JAX-RS routes

  @Test
  void jaxrsRequestsAreNamedAfterTheirResourceTemplate() throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("api/users/42", "/shop/api/users/{id}");
    expected.put("api/users/7/orders", "/shop/api/users/{id}/orders");
    expected.put("api/orders/A-1/lines/3", "/shop/api/orders/{orderId}/lines/{line}");
    expected.put("api/shops/s1/items/i9", "/shop/api/shops/{shop}/items/{item}");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Trace trace = Trace.random();
      assertThat(get(e.getKey(), "traceparent", trace.traceparent()).statusCode()).isEqualTo(200);
      RecordedSpan span = onlyServerSpan(trace.id);
      assertThat(span.name()).as(e.getKey()).isEqualTo("GET " + e.getValue());
      assertThat(span.attribute("http.route")).isEqualTo(e.getValue());
      assertThat(span.attribute("url.path")).isEqualTo("/shop/" + e.getKey());
    }
  }

  @Test
  void unmatchedJaxrsPathsKeepTheServletRoute() throws Exception {
    Trace trace = Trace.random();
    assertThat(get("api/nothing/here", "traceparent", trace.traceparent()).statusCode()).isEqualTo(404);
    RecordedSpan span = onlyServerSpan(trace.id);
    assertThat(span.name()).isEqualTo("GET /shop/api/*");
    assertThat(span.error()).isFalse();
  }

  @Test
  void suspendedAndCompletionStageResourcesEndWithTheirResponse() throws Exception {
    Trace suspended = Trace.random();
    assertThat(get("api/users/suspended/1", "traceparent", suspended.traceparent()).body()).isEqualTo("later 1");
    List<RecordedSpan> spans = spans().awaitTrace(suspended.id, 2);
    RecordedSpan server = single(spans, RecordedSpan::isServer);
    RecordedSpan work = single(spans, s -> s.name().equals("suspended-work"));
    assertThat(server.name()).isEqualTo("GET /shop/api/users/suspended/{id}");
    assertThat(work.parentSpanId()).isEqualTo(server.spanId());
    assertThat(server.endNanos()).isGreaterThanOrEqualTo(work.endNanos());
    assertThat(server.attribute("http.response.status_code")).isEqualTo(200L);

    Trace staged = Trace.random();
    assertThat(get("api/users/stage/2", "traceparent", staged.traceparent()).body()).isEqualTo("staged 2");
    RecordedSpan stage = onlyServerSpan(staged.id);
    assertThat(stage.name()).isEqualTo("GET /shop/api/users/stage/{id}");
    assertThat(stage.attribute("http.response.status_code")).isEqualTo(200L);
  }

  // ---- propagation out: one trace across a REST call

  @Test
  void jaxrsClientCallContinuesTheTrace() throws Exception {
    Trace trace = Trace.random();
    assertThat(get("api/proxy/sync/5", "traceparent", trace.traceparent()).body()).isEqualTo("user 5");
    CallChain chain = callChain(trace, "/shop/api/proxy/sync/{id}");
    assertThat(chain.client.name()).isEqualTo("GET");
    assertThat(chain.client.attributes())
        .containsEntry("http.request.method", "GET")
        .containsEntry("server.address", "127.0.0.1")
        .containsEntry("server.port", (long) base.getPort())
        .containsEntry("url.full", base.resolve("api/users/5").toString())
        .containsEntry("http.response.status_code", 200L)
        .containsEntry("http.request.header.x-request-id", List.of("outgoing-1"))
        .doesNotContainKey("http.request.header.authorization");
    assertThat(chain.client.error()).isFalse();
  }

  @Test
  void asynchronousJaxrsClientCallContinuesTheTrace() throws Exception {
    Trace trace = Trace.random();
    assertThat(get("api/proxy/async/6", "traceparent", trace.traceparent()).body()).isEqualTo("user 6");
    callChain(trace, "/shop/api/proxy/async/{id}");
  }

  @Test
  void asynchronousCallOnTheClientsOwnExecutorContinuesTheTrace() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(clientsOwnExecutorCarriesTheContext(), "not on this JAX-RS");
    Trace trace = Trace.random();
    assertThat(get("api/proxy/async-own-executor/9", "traceparent", trace.traceparent()).body())
        .isEqualTo("user 9");
    callChain(trace, "/shop/api/proxy/async-own-executor/{id}");
  }

  @Test
  void microProfileRestClientCallsContinueTheTrace() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(hasMicroProfileRestClient(), "no MicroProfile Rest Client here");
    Trace sync = Trace.random();
    assertThat(get("api/proxy/mp/7", "traceparent", sync.traceparent()).body()).isEqualTo("user 7");
    callChain(sync, "/shop/api/proxy/mp/{id}");

    Trace async = Trace.random();
    assertThat(get("api/proxy/mp-async/8", "traceparent", async.traceparent()).body()).isEqualTo("user 8");
    callChain(async, "/shop/api/proxy/mp-async/{id}");
  }

  @Test
  void aClientErrorFailsTheClientSpanButNotTheServerSpan() throws Exception {
    Trace trace = Trace.random();
    assertThat(get("api/proxy/sync/missing", "traceparent", trace.traceparent()).body())
        .isEqualTo("callee answered 404");
    CallChain chain = callChain(trace, "/shop/api/proxy/sync/{id}");
    assertThat(chain.client.error()).isTrue();
    assertThat(chain.client.attributes()).containsEntry("error.type", "404").containsEntry("http.response.status_code", 404L);
    assertThat(chain.callee.error()).isFalse();
    assertThat(chain.callee.attributes()).containsEntry("http.response.status_code", 404L).doesNotContainKey("error.type");
    assertThat(chain.caller.error()).isFalse();
  }

  // ---- asynchronous servlets and dispatches

  @Test
  void asyncServletSpanEndsWhenTheAsyncContextCompletes() throws Exception {
    Trace trace = Trace.random();
    assertThat(get("async/complete", "traceparent", trace.traceparent()).body()).isEqualTo("done");
    List<RecordedSpan> spans = spans().awaitTrace(trace.id, 2);
    RecordedSpan server = single(spans, RecordedSpan::isServer);
    RecordedSpan work = single(spans, s -> s.name().equals("async-work"));
    assertThat(server.name()).isEqualTo("GET /shop/async/*");
    assertThat(work.parentSpanId()).isEqualTo(server.spanId());
    assertThat(server.endNanos()).as("ended after the work on the other thread").isGreaterThanOrEqualTo(work.endNanos());
    assertThat(server.attribute("http.response.status_code")).isEqualTo(200L);
  }

  @Test
  void asyncDispatchAndForwardStayOneSpan() throws Exception {
    Trace dispatched = Trace.random();
    assertThat(get("async/dispatch", "traceparent", dispatched.traceparent()).body()).isEqualTo("hello");
    RecordedSpan span = onlyServerSpan(dispatched.id);
    assertThat(span.name()).isEqualTo("GET /shop/async/*");
    assertThat(span.attribute("http.response.header.x-response-id")).isEqualTo(List.of("resp-1"));

    Trace forwarded = Trace.random();
    assertThat(get("forward", "traceparent", forwarded.traceparent()).body()).isEqualTo("hello");
    assertThat(onlyServerSpan(forwarded.id).name()).isEqualTo("GET /shop/forward");
  }

  @Test
  void aSecondAsynchronousCycleEndsTheSpanWhenItCompletes() throws Exception {
    Trace trace = Trace.random();
    assertThat(get("async/twice", "traceparent", trace.traceparent()).body()).isEqualTo("twice");
    RecordedSpan span = onlyServerSpan(trace.id);
    assertThat(span.name()).isEqualTo("GET /shop/async/*");
    assertThat(span.attribute("http.response.status_code")).isEqualTo(200L);
  }

  @Test
  void asyncTimeoutIsAnError() throws Exception {
    Trace trace = Trace.random();
    assertThat(get("async/timeout", "traceparent", trace.traceparent()).statusCode()).isEqualTo(500);
    RecordedSpan span = onlyServerSpan(trace.id);
    assertThat(span.error()).isTrue();
    assertThat(span.attributes()).containsEntry("error.type", "timeout").containsEntry("http.response.status_code", 500L);
  }

  // ---- errors

  @Test
  void serverErrorsAreErrorsAndClientErrorsAreNot() throws Exception {
    Trace unavailable = Trace.random();
    get("status/x?code=503", "traceparent", unavailable.traceparent());
    RecordedSpan span503 = onlyServerSpan(unavailable.id);
    assertThat(span503.error()).isTrue();
    assertThat(span503.attributes()).containsEntry("error.type", "503").containsEntry("http.response.status_code", 503L);

    Trace notFound = Trace.random();
    get("status/x?code=404", "traceparent", notFound.traceparent());
    RecordedSpan span404 = onlyServerSpan(notFound.id);
    assertThat(span404.error()).isFalse();
    assertThat(span404.attributes()).containsEntry("http.response.status_code", 404L).doesNotContainKey("error.type");

    Trace sent = Trace.random();
    assertThat(get("status/x?code=500&send", "traceparent", sent.traceparent()).statusCode()).isEqualTo(500);
    RecordedSpan span500 = onlyServerSpan(sent.id);
    assertThat(span500.error()).isTrue();
    assertThat(span500.attribute("error.type")).isEqualTo("500");

    Trace jaxrs404 = Trace.random();
    assertThat(get("api/users/missing", "traceparent", jaxrs404.traceparent()).statusCode()).isEqualTo(404);
    assertThat(onlyServerSpan(jaxrs404.id).error()).isFalse();
  }

  @Test
  void uncaughtExceptionsAreRecorded() throws Exception {
    Trace trace = Trace.random();
    assertThat(get("boom?token=hunter2", "traceparent", trace.traceparent()).statusCode()).isEqualTo(500);
    RecordedSpan span = onlyServerSpan(trace.id);
    assertThat(span.error()).isTrue();
    assertThat(span.attributes())
        .containsEntry("error.type", "java.lang.IllegalStateException")
        .containsEntry("http.response.status_code", 500L);
    RecordedSpan.Event exception = single(span.events(), e -> e.name().equals("exception"));
    assertThat(exception.attributes())
        .containsEntry("exception.type", "java.lang.IllegalStateException")
        // The value and the query string are masked, as in JDBC spans' exceptions.
        .containsEntry("exception.message", "kaboom at /shop/boom\u2026");
    assertThat((String) exception.attributes().get("exception.stacktrace")).contains("BoomServlet")
        .doesNotContain("hunter2").doesNotContain("alice@example.com");

    Trace jaxrs = Trace.random();
    assertThat(get("api/users/boom", "traceparent", jaxrs.traceparent()).statusCode()).isEqualTo(500);
    RecordedSpan failed = onlyServerSpan(jaxrs.id);
    assertThat(failed.name()).isEqualTo("GET /shop/api/users/{id}");
    assertThat(failed.error()).isTrue();
    assertThat(failed.attribute("http.response.status_code")).isEqualTo(500L);
    if (unmappedJaxRsExceptionEscapes()) {
      // The resource's own exception, not the ServletException the JAX-RS servlet wraps it in.
      assertThat(failed.attribute("error.type")).isEqualTo("java.lang.IllegalStateException");
      assertThat(single(failed.events(), e -> e.name().equals("exception")).attributes())
          .containsEntry("exception.type", "java.lang.IllegalStateException")
          .containsEntry("exception.message", "resource failed");
    }
  }

  // ---- what is not recorded

  @Test
  void excludedPathsMakeNoSpansAtAll() throws Exception {
    String marker = UUID.randomUUID().toString();
    assertThat(get("health/live?m=" + marker).body()).isEqualTo("UP");
    assertThat(get("metrics?m=" + marker).body()).isEqualTo("UP");
    // Spans are exported in the order they end: once a later request's span is there, earlier ones would be.
    Trace after = Trace.random();
    get("hello?m=" + marker, "traceparent", after.traceparent());
    onlyServerSpan(after.id);
    assertThat(spans().spans())
        .noneMatch(s -> s.name().equals("health-db-check"))
        .noneMatch(s -> String.valueOf(s.attribute("url.path")).startsWith("/shop/health"))
        .noneMatch(s -> String.valueOf(s.attribute("url.path")).startsWith("/shop/metrics"));
  }

  @Test
  void aPathThatOnlyBeginsLikeAnExcludedOneIsTraced() throws Exception {
    Trace trace = Trace.random();
    assertThat(get("healthcare", "traceparent", trace.traceparent()).body()).isEqualTo("hello");
    assertThat(onlyServerSpan(trace.id).attribute("url.path")).isEqualTo("/shop/healthcare");
  }

  @Test
  void secretsInUrlsAreRedacted() throws Exception {
    Trace query = Trace.random();
    get("hello?user=bob&password=hunter2&sig=s1&q=ok", "traceparent", query.traceparent());
    assertThat(onlyServerSpan(query.id).attribute("url.query")).isEqualTo("user=bob&password=REDACTED&sig=REDACTED&q=ok");

    Trace session = Trace.random();
    get("hello;jsessionid=SESSION123", "traceparent", session.traceparent());
    assertThat(onlyServerSpan(session.id).attribute("url.path")).isEqualTo("/shop/hello;jsessionid=REDACTED");

    Trace client = Trace.random();
    assertThat(get("api/proxy/secret-url", "traceparent", client.traceparent()).body()).isEqualTo("user 1");
    RecordedSpan call = single(spans().awaitTrace(client.id, 3), RecordedSpan::isClient);
    assertThat(call.attribute("url.full")).isEqualTo(
        "http://REDACTED:REDACTED@127.0.0.1:" + base.getPort() + "/shop/api/users/1?token=REDACTED&q=ok");
  }

  @Test
  void onlyNamedHeadersAreRecordedAndCredentialsNever() throws Exception {
    Trace trace = Trace.random();
    get("hello", "traceparent", trace.traceparent(), "X-Request-Id", "req-1", "Authorization", "Bearer secret-token",
        "Cookie", "session=secret-cookie", "Mackerel-Api-Key", TestKeys.key("incoming"), "Proxy-Authorization", "secret-proxy",
        "X-Not-Named", "v");
    RecordedSpan span = onlyServerSpan(trace.id);
    assertThat(span.attributes())
        .containsEntry("http.request.header.x-request-id", List.of("req-1"))
        .containsEntry("http.response.header.x-response-id", List.of("resp-1"))
        .doesNotContainKeys("http.request.header.authorization", "http.request.header.cookie",
            "http.request.header.mackerel-api-key", "http.request.header.proxy-authorization",
            "http.response.header.set-cookie", "http.request.header.x-not-named");
    assertThat(span.attributes().values())
        .noneMatch(v -> String.valueOf(v).contains("secret") || String.valueOf(v).contains(TestKeys.MARK));
  }

  // ---- incoming propagation

  @Test
  void malformedPropagationHeadersAreIgnored() throws Exception {
    String marker = UUID.randomUUID().toString();
    HttpResponse<String> response = get("hello?m=" + marker, "traceparent", "00-zzzz-not-a-trace-01",
        "baggage", "%%%;;==,,=;", "X-B3-TraceId", "nothex", "uber-trace-id", "::::");
    assertThat(response.statusCode()).isEqualTo(200);
    RecordedSpan root = single(spans().await(s -> s.isServer() && ("m=" + marker).equals(s.attribute("url.query")), 1),
        s -> true);
    assertThat(root.parentSpanId()).as("a new trace").isNull();

    Trace trace = Trace.random();
    assertThat(get("hello", "traceparent", trace.traceparent(), "baggage", "=broken;;,%zz").statusCode()).isEqualTo(200);
    assertThat(onlyServerSpan(trace.id).parentSpanId()).isEqualTo(trace.parentSpanId);
  }

  @Test
  void b3AndJaegerHeadersAreReadWhenConfigured() throws Exception {
    Trace b3 = Trace.random();
    get("hello", "X-B3-TraceId", b3.id, "X-B3-SpanId", b3.parentSpanId, "X-B3-Sampled", "1");
    assertThat(onlyServerSpan(b3.id).parentSpanId()).isEqualTo(b3.parentSpanId);

    Trace jaeger = Trace.random();
    get("hello", "uber-trace-id", jaeger.id + ":" + jaeger.parentSpanId + ":0:1");
    assertThat(onlyServerSpan(jaeger.id).parentSpanId()).isEqualTo(jaeger.parentSpanId);
  }

  // ---- helpers

  /** The SERVER, CLIENT and SERVER spans of one call from a resource to another over HTTP. */
  record CallChain(RecordedSpan caller, RecordedSpan client, RecordedSpan callee) {}

  private CallChain callChain(Trace trace, String callerRoute) {
    List<RecordedSpan> spans = spans().awaitTrace(trace.id, 3);
    RecordedSpan caller = single(spans, s -> s.isServer() && s.name().equals("GET " + callerRoute));
    RecordedSpan client = single(spans, RecordedSpan::isClient);
    RecordedSpan callee = single(spans, s -> s.isServer() && s.name().equals("GET /shop/api/users/{id}"));
    assertThat(caller.parentSpanId()).isEqualTo(trace.parentSpanId);
    assertThat(client.parentSpanId()).isEqualTo(caller.spanId());
    assertThat(callee.parentSpanId()).isEqualTo(client.spanId());
    assertThat(spans).hasSize(3);
    return new CallChain(caller, client, callee);
  }

  /** The one SERVER span of a trace; fails if there are two. */
  protected RecordedSpan onlyServerSpan(String traceId) {
    spans().await(s -> s.traceId().equals(traceId) && s.isServer(), 1);
    List<RecordedSpan> servers =
        spans().spans().stream().filter(s -> s.traceId().equals(traceId) && s.isServer()).toList();
    assertThat(servers).as("SERVER spans of trace " + traceId).hasSize(1);
    return servers.get(0);
  }

  private static <T> T single(List<T> items, java.util.function.Predicate<T> matching) {
    List<T> found = items.stream().filter(matching).toList();
    assertThat(found).as("matching items of " + items).hasSize(1);
    return found.get(0);
  }

  protected HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  protected URI base() {
    return base;
  }

  /** A caller's trace: random ids, and the traceparent that carries them. */
  protected record Trace(String id, String parentSpanId) {
    static Trace random() {
      String trace = UUID.randomUUID().toString().replace("-", "");
      String span = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
      return new Trace(trace, span);
    }

    String traceparent() {
      return "00-" + id + "-" + parentSpanId + "-01";
    }
  }
}
