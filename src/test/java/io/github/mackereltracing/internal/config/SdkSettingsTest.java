package io.github.mackereltracing.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Mackerel preset: what the SDK is told for each combination of user settings. */
class SdkSettingsTest {
  static final String KEY = "abcdefghijklmnop";

  static SdkSettings resolve(String... keyValues) throws InvalidSettingException {
    Map<String, String> properties = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.put(keyValues[i], keyValues[i + 1]);
    }
    return SdkSettings.resolve(properties, "my-war");
  }

  @Test
  void keyAloneSendsToMackerelWithItsHeadersGzipAndTracesOnly() throws Exception {
    SdkSettings settings = resolve("mackerel.api-key", KEY);
    assertThat(settings.enabled()).isTrue();
    assertThat(settings.sdkProperties())
        .containsEntry("otel.exporter.otlp.traces.endpoint", "https://otlp-vaxila.mackerelio.com/v1/traces")
        .containsEntry("otel.exporter.otlp.protocol", "http/protobuf")
        .containsEntry("otel.exporter.otlp.traces.headers", "Mackerel-Api-Key=" + KEY + ",Accept=*%2F*")
        .containsEntry("otel.exporter.otlp.traces.compression", "gzip")
        .containsEntry("otel.metrics.exporter", "none")
        .containsEntry("otel.logs.exporter", "none")
        .containsEntry("otel.service.name", "my-war")
        .doesNotContainKey("mackerel.api-key");
    assertThat(settings.tracesEndpoint()).isEqualTo("https://otlp-vaxila.mackerelio.com/v1/traces");
  }

  @Test
  void onlyAnOtlpExporterSendsToAnEndpoint() throws Exception {
    assertThat(resolve("otel.sdk.disabled", "false").exportsOverOtlp()).isTrue();
    assertThat(resolve("otel.sdk.disabled", "false", "otel.traces.exporter", "console, otlp").exportsOverOtlp())
        .isTrue();
    assertThat(resolve("otel.sdk.disabled", "false", "otel.traces.exporter", "console").exportsOverOtlp())
        .isFalse();
    assertThat(resolve("otel.sdk.disabled", "false", "otel.traces.exporter", "in-memory").exportsOverOtlp())
        .isFalse();
  }

  @Test
  void aCollectorEndpointKeepsTheMackerelHeaders() throws Exception {
    SdkSettings settings = resolve("mackerel.api-key", KEY, "otel.exporter.otlp.endpoint", "http://collector:4318");
    assertThat(settings.sdkProperties())
        .doesNotContainKey("otel.exporter.otlp.traces.endpoint")
        .containsEntry("otel.exporter.otlp.traces.headers", "Mackerel-Api-Key=" + KEY + ",Accept=*%2F*");
    assertThat(settings.tracesEndpoint()).isEqualTo("http://collector:4318/v1/traces");
  }

  @Test
  void userHeadersAreMergedAndTheirAcceptWins() throws Exception {
    SdkSettings settings = resolve("mackerel.api-key", KEY, "otel.exporter.otlp.headers", "X-Tenant=a%20b,accept=application/x-protobuf");
    assertThat(settings.sdkProperties().get("otel.exporter.otlp.traces.headers"))
        .isEqualTo("X-Tenant=a+b,accept=application%2Fx-protobuf,Mackerel-Api-Key=" + KEY);
  }

  @Test
  void tracesHeadersTakePrecedenceOverGeneralHeadersAsInTheSdk() throws Exception {
    SdkSettings settings = resolve("mackerel.api-key", KEY,
        "otel.exporter.otlp.headers", "X-General=1", "otel.exporter.otlp.traces.headers", "X-Traces=2");
    assertThat(settings.sdkProperties().get("otel.exporter.otlp.traces.headers"))
        .startsWith("X-Traces=2,Mackerel-Api-Key=")
        .doesNotContain("X-General");
  }

  @Test
  void explicitCompressionIsKept() throws Exception {
    SdkSettings settings = resolve("mackerel.api-key", KEY, "otel.exporter.otlp.compression", "none");
    assertThat(settings.sdkProperties())
        .containsEntry("otel.exporter.otlp.compression", "none")
        .doesNotContainKey("otel.exporter.otlp.traces.compression");
  }

  @Test
  void withoutKeyOpenTelemetryDefaultsHoldExceptTheHttpProtocol() throws Exception {
    SdkSettings settings = resolve("otel.sdk.disabled", "false");
    assertThat(settings.enabled()).isTrue();
    assertThat(settings.sdkProperties())
        .containsEntry("otel.exporter.otlp.protocol", "http/protobuf")
        .doesNotContainKeys("otel.exporter.otlp.traces.endpoint", "otel.exporter.otlp.traces.headers",
            "otel.exporter.otlp.traces.compression", "otel.metrics.exporter", "otel.logs.exporter");
    assertThat(settings.tracesEndpoint()).isEqualTo("http://localhost:4318/v1/traces");
  }

  @Test
  void disabledUnlessAskedOrKeyed() throws Exception {
    assertThat(resolve().enabled()).isFalse();
    assertThat(resolve("otel.sdk.disabled", "TRUE", "mackerel.api-key", KEY).enabled()).isFalse();
    assertThat(resolve("otel.sdk.disabled", " false ").enabled()).isTrue();
  }

  @Test
  void serviceNameInResourceAttributesIsRespected() throws Exception {
    SdkSettings settings = resolve("mackerel.api-key", KEY, "otel.resource.attributes", "service.name=billing");
    assertThat(settings.sdkProperties()).doesNotContainKey("otel.service.name");
  }

  @Test
  void anEmptyKeyIsIgnoredWithAWarningAndAPaddedKeyIsTrimmed() throws Exception {
    SdkSettings empty = resolve("mackerel.api-key", "  ");
    assertThat(empty.enabled()).isFalse();
    assertThat(empty.warnings()).singleElement().asString().contains("mackerel.api-key", "empty");

    SdkSettings padded = resolve("mackerel.api-key", KEY + "\n");
    assertThat(padded.apiKey()).isEqualTo(KEY);
    assertThat(padded.warnings()).singleElement().asString().contains("white space").doesNotContain(KEY);
  }

  @Test
  void badHeaderSyntaxNamesThePropertyButNeverTheValues() {
    assertThatThrownBy(() -> resolve("mackerel.api-key", KEY, "otel.exporter.otlp.headers", "Authorization=Bearer s3cret,broken"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("otel.exporter.otlp.headers")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void keyMaskShowsOnlyTheLastFourCharacters() {
    assertThat(Secrets.mask(KEY)).isEqualTo("****mnop");
    assertThat(Secrets.mask("short")).isEqualTo("****");
    assertThat(Secrets.scrub("sent " + KEY + " and a%2Bb", KEY)).isEqualTo("sent ****mnop and a%2Bb");
  }
}
