package io.github.mackereltracing.httptest;

import io.github.mackereltracing.testing.MemorySpanExporterProvider;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.runtime.Deployments;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JAX-RS where no servlet filter of the library runs (a JAX-RS runtime outside a servlet container, or the
 * filter left out): the JAX-RS filter makes the SERVER span itself, and only one.
 */
class JaxrsWithoutServletFilterTest {
  private static JettyShop shop;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final SpanSource spans = SpanSource.inMemory();

  @BeforeAll
  static void deploy() throws Exception {
    MemorySpanExporterProvider.SPANS.reset();
    Map<String, String> params = Map.of(
        "otel.sdk.disabled", "false",
        "otel.traces.exporter", MemorySpanExporterProvider.NAME,
        "otel.bsp.schedule.delay", "20",
        "otel.metrics.exporter", "none",
        "otel.logs.exporter", "none",
        "mackerel.host-id-file", "/nonexistent/mackerel-id");
    ClassLoader loader = JettyShop.newDeploymentLoader();
    // Without the servlet initializer, the CDI extension claims the deployment; give it its configuration.
    Deployments.getOrCreate(loader).attachServletContext("standalone", params, null);
    shop = JettyShop.start(params, false, loader);
  }

  @AfterAll
  static void undeploy() throws Exception {
    shop.close();
  }

  @Test
  void theJaxrsFilterMakesTheServerSpan() throws Exception {
    String traceId = UUID.randomUUID().toString().replace("-", "");
    String parent = "00f067aa0ba902b7";
    HttpResponse<String> response = get("api/users/3", "00-" + traceId + "-" + parent + "-01");
    assertThat(response.body()).isEqualTo("user 3");

    RecordedSpan span = spans.awaitTrace(traceId, 1).get(0);
    assertThat(span.kind()).isEqualTo("SERVER");
    assertThat(span.name()).isEqualTo("GET /shop/api/users/{id}");
    assertThat(span.parentSpanId()).isEqualTo(parent);
    assertThat(span.error()).isFalse();
    assertThat(span.attributes())
        .containsEntry("http.request.method", "GET")
        .containsEntry("http.route", "/shop/api/users/{id}")
        .containsEntry("url.path", "/shop/api/users/3")
        .containsEntry("url.scheme", "http")
        .containsEntry("server.address", "127.0.0.1")
        .containsEntry("server.port", (long) shop.base().getPort())
        .containsEntry("http.response.status_code", 200L);
  }

  @Test
  void resourcesAnsweringWithAnErrorStatusAreRecorded() throws Exception {
    String notFound = UUID.randomUUID().toString().replace("-", "");
    assertThat(get("api/users/missing", "00-" + notFound + "-00f067aa0ba902b7-01").statusCode()).isEqualTo(404);
    RecordedSpan span = spans.awaitTrace(notFound, 1).get(0);
    assertThat(span.error()).isFalse();
    assertThat(span.attribute("http.response.status_code")).isEqualTo(404L);
  }

  @Test
  void servletsGetNoSpanWithoutTheFilter() throws Exception {
    String traceId = UUID.randomUUID().toString().replace("-", "");
    get("hello", "00-" + traceId + "-00f067aa0ba902b7-01");
    String marker = UUID.randomUUID().toString().replace("-", "");
    get("api/users/4", "00-" + marker + "-00f067aa0ba902b7-01");
    spans.awaitTrace(marker, 1);
    List<RecordedSpan> all = spans.spans();
    assertThat(all).noneMatch(s -> s.traceId().equals(traceId));
  }

  private HttpResponse<String> get(String path, String traceparent) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(shop.base().resolve(path)).header("traceparent", traceparent).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

}
