package io.github.mackereltracing.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mackereltracing.testing.TestKeys;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Mackerel preset: what the SDK is told for each combination of user settings. */
class SdkSettingsTest {
  static final String KEY = TestKeys.key("settings");

  static SdkSettings resolve(String... keyValues) throws InvalidSettingException {
    Map<String, String> properties = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.put(keyValues[i], keyValues[i + 1]);
    }
    return SdkSettings.resolve(properties, "my-war");
  }

  /**
   * Batches of 2048 in a queue of 8192 unless the user says otherwise: with the SDK's 512 a remote endpoint 30 ms
   * away delivers some 14,000 spans/s and drops the rest (docs/BENCHMARKS.md, "A remote endpoint").
   */
  @Test
  void batchesAreLargerThanTheSdksAndAnySizeTheUserGivesStaysConsistent() throws Exception {
    assertThat(resolve("mackerel.api-key", KEY).sdkProperties())
        .containsEntry("otel.bsp.max.export.batch.size", "2048")
        .containsEntry("otel.bsp.max.queue.size", "8192");
    assertThat(resolve("otel.sdk.disabled", "false").sdkProperties())
        .containsEntry("otel.bsp.max.export.batch.size", "2048")
        .containsEntry("otel.bsp.max.queue.size", "8192");
    assertThat(resolve("mackerel.api-key", KEY, "otel.bsp.max.export.batch.size", "512").sdkProperties())
        .containsEntry("otel.bsp.max.export.batch.size", "512")
        .containsEntry("otel.bsp.max.queue.size", "8192");
    assertThat(resolve("mackerel.api-key", KEY, "otel.bsp.max.export.batch.size", "10000").sdkProperties())
        .containsEntry("otel.bsp.max.export.batch.size", "10000")
        .containsEntry("otel.bsp.max.queue.size", "10000");
    assertThat(resolve("mackerel.api-key", KEY, "otel.bsp.max.queue.size", "1000").sdkProperties())
        .containsEntry("otel.bsp.max.export.batch.size", "1000")
        .containsEntry("otel.bsp.max.queue.size", "1000");
    assertThat(resolve("mackerel.api-key", KEY, "otel.bsp.max.queue.size", "4096",
            "otel.bsp.max.export.batch.size", "100").sdkProperties())
        .containsEntry("otel.bsp.max.export.batch.size", "100")
        .containsEntry("otel.bsp.max.queue.size", "4096");
    assertThat(resolve("otel.sdk.disabled", "true").sdkProperties())
        .doesNotContainKeys("otel.bsp.max.export.batch.size", "otel.bsp.max.queue.size");
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
  void metricsAndLogsAreOffUnlessAnExporterIsNamed() throws Exception {
    assertThat(resolve("otel.sdk.disabled", "false").sdkProperties())
        .containsEntry("otel.metrics.exporter", "none")
        .containsEntry("otel.logs.exporter", "none");
    assertThat(resolve("otel.sdk.disabled", "false", "otel.metrics.exporter", "otlp").sdkProperties())
        .containsEntry("otel.metrics.exporter", "otlp")
        .containsEntry("otel.logs.exporter", "none");
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
  void withoutKeyOpenTelemetryDefaultsHoldExceptTheHttpProtocolAndTracesOnly() throws Exception {
    SdkSettings settings = resolve("otel.sdk.disabled", "false");
    assertThat(settings.enabled()).isTrue();
    assertThat(settings.sdkProperties())
        .containsEntry("otel.exporter.otlp.protocol", "http/protobuf")
        .containsEntry("otel.metrics.exporter", "none")
        .containsEntry("otel.logs.exporter", "none")
        .doesNotContainKeys("otel.exporter.otlp.traces.endpoint", "otel.exporter.otlp.traces.headers",
            "otel.exporter.otlp.traces.compression");
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
    assertThat(Secrets.mask(KEY)).isEqualTo("****cdef");
    assertThat(Secrets.mask("short")).isEqualTo("****");
    assertThat(Secrets.scrub("sent " + KEY + " and a%2Bb", KEY)).isEqualTo("sent ****cdef and a%2Bb");
  }

  @Test
  void sdkValuesTheSdkWouldRefuseVaguelyAreRefusedNamingTheProperty() {
    String[][] bad = {
        {"otel.bsp.max.queue.size", "0"}, {"otel.bsp.max.queue.size", "99999999999"},
        {"otel.bsp.max.export.batch.size", "-1"}, {"otel.bsp.schedule.delay", "-1"},
        {"otel.bsp.export.timeout", "5 minutes"}, {"otel.exporter.otlp.traces.timeout", "-10s"},
        {"otel.attribute.value.length.limit", "x"}, {"otel.exporter.otlp.compression", "brotli"},
        {"otel.exporter.otlp.traces.client.key", "/nonexistent/key.pem"},
        {"otel.exporter.otlp.certificate", "/"},
    };
    for (String[] row : bad) {
      assertThatThrownBy(() -> resolve("mackerel.api-key", KEY, row[0], row[1])).as("%s=%s", row[0], row[1])
          .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith(row[0] + "=");
    }
  }

  @Test
  void theRatioOfTheRatioSamplersIsANumberFromZeroToOne() throws Exception {
    for (String arg : new String[] {"1.5", "-0.1", "NaN", "half"}) {
      assertThatThrownBy(() -> resolve("otel.sdk.disabled", "false", "otel.traces.sampler", "parentbased_traceidratio",
          "otel.traces.sampler.arg", arg)).as(arg).hasMessageStartingWith("otel.traces.sampler.arg=");
    }
    assertThat(resolve("otel.sdk.disabled", "false", "otel.traces.sampler", "traceidratio",
        "otel.traces.sampler.arg", "0.25").enabled()).isTrue();
    // Other samplers read their argument differently (jaeger_remote: endpoint=...).
    assertThat(resolve("otel.sdk.disabled", "false", "otel.traces.sampler", "parentbased_jaeger_remote",
        "otel.traces.sampler.arg", "endpoint=http://localhost:14250").enabled()).isTrue();
  }

  @Test
  void validDurationsAndSizesPass() throws Exception {
    SdkSettings settings = resolve("mackerel.api-key", KEY, "otel.bsp.schedule.delay", "500",
        "otel.bsp.export.timeout", "30s", "otel.exporter.otlp.timeout", "1m", "otel.bsp.max.queue.size", "4096",
        "otel.span.attribute.count.limit", "0", "otel.exporter.otlp.traces.compression", "none");
    assertThat(settings.warnings()).isEmpty();
    assertThat(settings.sdkProperties()).containsEntry("otel.exporter.otlp.timeout", "1m");
  }

  @Test
  void anExportTimeoutOfZeroWouldNeverGiveUpAndIsReplacedWithTheDefault() throws Exception {
    SdkSettings settings = resolve("mackerel.api-key", KEY, "otel.exporter.otlp.timeout", "0");
    assertThat(settings.sdkProperties()).containsEntry("otel.exporter.otlp.timeout", "10s");
    assertThat(settings.warnings()).singleElement().asString().contains("otel.exporter.otlp.timeout=0", "10s");
  }

  @Test
  void headerValuesAnHttpHeaderCannotCarryAreRefusedWithoutShowingThem() {
    for (String headers : new String[] {"x-a=ok,x-team=a%0Ab", "x-t=TESTKEY%0D", "x-t=%00", "x-t=%E2%82%AC"}) {
      assertThatThrownBy(() -> resolve("mackerel.api-key", KEY, "otel.exporter.otlp.headers", headers))
          .as(headers).hasMessageStartingWith("otel.exporter.otlp.headers=")
          .hasMessageContaining("cannot carry").hasMessageNotContaining("TESTKEY");
    }
  }

  @Test
  void theLibrarysTrueFalseSettingsAreCheckedOnceAndTheirDefaultUsed() throws Exception {
    SdkSettings settings = resolve("mackerel.api-key", KEY, "mackerel.jdbc.root-spans", "yes",
        "mackerel.jdbc.cdi-wrap", "nope", "mackerel.jdbc.connection-spans", " TRUE ");
    assertThat(settings.get(Setting.JDBC_ROOT_SPANS)).isEqualTo("false");
    assertThat(settings.get(Setting.JDBC_CDI_WRAP)).isEqualTo("true");
    assertThat(settings.get(Setting.JDBC_CONNECTION_SPANS)).isEqualTo(" TRUE ");
    assertThat(settings.warnings()).hasSize(2)
        .anySatisfy(w -> assertThat(w).contains("mackerel.jdbc.root-spans='yes'", "using false"))
        .anySatisfy(w -> assertThat(w).contains("mackerel.jdbc.cdi-wrap='nope'", "using true"));
  }

  @Test
  void endpointsAreLoggedWithoutTheirCredentials() throws Exception {
    assertThat(Secrets.maskUrlCredentials("https://user:pw@collector:4318/v1/traces?token=t#f"))
        .isEqualTo("https://***@collector:4318/v1/traces?***");
    assertThat(Secrets.maskUrlCredentials("http://collector/v1/traces")).isEqualTo("http://collector/v1/traces");
    assertThat(Secrets.maskUrlCredentials("http://collector/a@b")).isEqualTo("http://collector/a@b");
    assertThat(resolve("mackerel.api-key", KEY, "otel.exporter.otlp.endpoint", "http://u:p@collector:4318")
        .tracesEndpoint()).isEqualTo("http://***@collector:4318/v1/traces");
    assertThatThrownBy(() -> resolve("mackerel.api-key", KEY, "otel.exporter.otlp.traces.endpoint",
        "http://u:secret@collector:99999/v1/traces")).hasMessageNotContaining("secret");
  }
}
