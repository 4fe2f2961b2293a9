package io.github.mackereltracing.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.testing.TestDeployment;
import io.github.mackereltracing.testing.TestKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
  @Test
  void environmentVariablesMapAsTheSdkAndMicroProfileConfigMapThem() {
    Map<String, String> properties = ConfigReader.fromEnvironment(Map.of(
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
        "OTEL_SERVICE_NAME", "shop",
        "MACKEREL_API_KEY", TestKeys.key("env"),
        "MACKEREL_HOST_ID_FILE", "/tmp/id",
        "MACKEREL_UNKNOWN", "ignored",
        "PATH", "/usr/bin"));
    assertThat(properties).containsExactlyInAnyOrderEntriesOf(Map.of(
        "otel.exporter.otlp.endpoint", "http://collector:4318",
        "otel.service.name", "shop",
        "mackerel.api-key", TestKeys.key("env"),
        "mackerel.host-id-file", "/tmp/id"));
  }

  @Test
  void settingsHaveMicroProfileStyleEnvironmentNames() {
    assertThat(Setting.API_KEY.envName()).isEqualTo("MACKEREL_API_KEY");
    assertThat(Setting.HOST_ID_FILE.envName()).isEqualTo("MACKEREL_HOST_ID_FILE");
  }

  /** A WAR on a plain servlet container: no MicroProfile Config. */
  static final class WithoutMicroProfileConfig extends ClassLoader {
    WithoutMicroProfileConfig() {
      super(ConfigReaderTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("org.eclipse.microprofile.config")) {
        throw new ClassNotFoundException(name);
      }
      return super.loadClass(name, resolve);
    }
  }

  @Test
  void withoutMicroProfileConfigSystemPropertiesOverrideContextParameters() {
    System.setProperty("otel.service.name", "from-system-property");
    try {
      Map<String, String> read = ConfigReader.read(new WithoutMicroProfileConfig(),
          Map.of("otel.service.name", "from-param", "mackerel.api-key", TestKeys.key("param")));
      assertThat(read)
          .containsEntry("otel.service.name", "from-system-property")
          .containsEntry("mackerel.api-key", TestKeys.key("param"));
    } finally {
      System.clearProperty("otel.service.name");
    }
  }

  @Test
  void microProfileConfigOfTheDeploymentWinsOverItsContextParameters() throws Exception {
    try (TestDeployment app = TestDeployment.create("mp", Map.of("otel.service.name", "from-mp", "mackerel.api-key", TestKeys.key("mp")))) {
      Map<String, String> read = ConfigReader.read(app.classLoader(),
          Map.of("otel.service.name", "from-param", "otel.traces.sampler", "always_off", "unrelated", "x"));
      assertThat(read)
          .containsEntry("otel.service.name", "from-mp")
          .containsEntry("mackerel.api-key", TestKeys.key("mp"))
          .containsEntry("otel.traces.sampler", "always_off")
          .doesNotContainKey("unrelated");
    }
  }
}
