package io.github.mackereltracing.httptest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.testing.LogCapture;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With tracing off (no API key, the default), the filters stand aside and the application works as before. */
class TracingOffTest {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void requestsAndRestCallsWorkUntraced() throws Exception {
    try (LogCapture log = LogCapture.library();
        JettyShop shop = JettyShop.start(
            Map.of("mackerel.host-id-file", "/nonexistent/mackerel-id"), true, JettyShop.newDeploymentLoader())) {
      HttpResponse<String> hello = get(shop, "hello");
      assertThat(hello.body()).isEqualTo("hello");
      assertThat(hello.headers().firstValue("X-App-Filter-Saw-Span")).hasValue("false");
      assertThat(get(shop, "api/proxy/sync/2").body()).isEqualTo("user 2");
      assertThat(get(shop, "api/proxy/mp-async/3").body()).isEqualTo("user 3");
      assertThat(get(shop, "boom").statusCode()).isEqualTo(500);
      assertThat(log.all()).contains("Mackerel tracing is disabled").doesNotContain("failed");
    }
  }

  private HttpResponse<String> get(JettyShop shop, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(shop.base().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
