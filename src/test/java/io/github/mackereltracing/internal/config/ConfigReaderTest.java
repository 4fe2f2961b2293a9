package io.github.mackereltracing.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.testing.TestDeployment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
  @Test
  void environmentVariablesMapAsTheSdkAndMicroProfileConfigMapThem() {
    Map<String, String> properties = ConfigReader.fromEnvironment(Map.of(
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
        "OTEL_SERVICE_NAME", "shop",
        "MACKEREL_API_KEY", "k",
        "MACKEREL_HOST_ID_FILE", "/tmp/id",
        "MACKEREL_UNKNOWN", "ignored",
        "PATH", "/usr/bin"));
    assertThat(properties).containsExactlyInAnyOrderEntriesOf(Map.of(
        "otel.exporter.otlp.endpoint", "http://collector:4318",
        "otel.service.name", "shop",
        "mackerel.api-key", "k",
        "mackerel.host-id-file", "/tmp/id"));
  }

  @Test
  void settingsHaveMicroProfileStyleEnvironmentNames() {
    assertThat(Setting.API_KEY.envName()).isEqualTo("MACKEREL_API_KEY");
    assertThat(Setting.HOST_ID_FILE.envName()).isEqualTo("MACKEREL_HOST_ID_FILE");
  }

  @Test
  void microProfileConfigOfTheDeploymentWinsOverItsContextParameters() throws Exception {
    try (TestDeployment app = TestDeployment.create("mp", Map.of("otel.service.name", "from-mp", "mackerel.api-key", "k1"))) {
      Map<String, String> read = ConfigReader.read(app.classLoader(),
          Map.of("otel.service.name", "from-param", "otel.traces.sampler", "always_off", "unrelated", "x"));
      assertThat(read)
          .containsEntry("otel.service.name", "from-mp")
          .containsEntry("mackerel.api-key", "k1")
          .containsEntry("otel.traces.sampler", "always_off")
          .doesNotContainKey("unrelated");
    }
  }
}
