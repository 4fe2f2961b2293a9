package io.github.mackereltracing.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.config.SdkSettings;
import io.github.mackereltracing.testing.LogCapture;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {
  @Test
  void defaultsExcludeHealthAndCaptureNoHeaders() {
    HttpSettings settings = HttpSettings.DEFAULTS;
    assertThat(settings.excludedPaths().matches("/health", null)).isTrue();
    assertThat(settings.serverRequestHeaders().isEmpty()).isTrue();
    assertThat(settings.knownMethods().canonical("GET")).isEqualTo("GET");
    assertThat(settings.knownMethods().canonical("get")).isEqualTo("GET");
    assertThat(settings.knownMethods().canonical("PROPFIND")).isEqualTo("_OTHER");
    assertThat(KnownMethods.nameOf("_OTHER")).isEqualTo("HTTP");
  }

  @Test
  void readsTheAgentsPropertyNamesAndNeverCapturesCredentials() throws Exception {
    SdkSettings sdk =
        SdkSettings.resolve(
            Map.of(
                "otel.instrumentation.http.server.capture-request-headers", "X-Request-Id, Authorization,cookie",
                // The form an environment variable takes when no MicroProfile Config maps it.
                "otel.instrumentation.http.client.capture.response.headers", "ETag,Set-Cookie",
                "otel.instrumentation.http.known-methods", "GET,PROPFIND",
                "mackerel.http.excluded-paths", "none"),
            "shop");
    try (LogCapture log = LogCapture.library()) {
      HttpSettings settings = HttpSettings.from(sdk);
      settings.logWarnings("/shop");
      assertThat(settings.serverRequestHeaders().size()).isEqualTo(1);
      assertThat(settings.serverRequestHeaders().key(0).getKey()).isEqualTo("http.request.header.x-request-id");
      assertThat(settings.clientResponseHeaders().size()).isEqualTo(1);
      assertThat(settings.clientResponseHeaders().key(0).getKey()).isEqualTo("http.response.header.etag");
      assertThat(settings.knownMethods().canonical("PROPFIND")).isEqualTo("PROPFIND");
      assertThat(settings.knownMethods().canonical("POST")).isEqualTo("_OTHER");
      assertThat(settings.excludedPaths().isEmpty()).isTrue();
      assertThat(settings.refusedHeaders()).containsExactly("Authorization", "cookie", "Set-Cookie");
      assertThat(log.all()).contains("never recorded").contains("/shop").contains("Authorization");
    }
  }
}
