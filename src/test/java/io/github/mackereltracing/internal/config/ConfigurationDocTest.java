package io.github.mackereltracing.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md cannot drift from the settings the code reads. */
class ConfigurationDocTest {
  @Test
  void everySettingIsDocumentedWithItsEnvironmentVariableAndDefault() throws Exception {
    String doc = Files.readString(Path.of("docs/configuration.md"));
    for (Setting setting : Setting.values()) {
      String row = doc.lines().filter(l -> l.startsWith("| `" + setting.key() + "` ")).findFirst().orElse("");
      assertThat(row).as("row for %s", setting.key()).isNotEmpty().contains("`" + setting.envName() + "`");
      if (setting.defaultValue() != null) {
        assertThat(row).as("default of %s", setting.key()).contains(setting.defaultValue());
      }
    }
  }

  @Test
  void everyDocumentedLibrarySettingExists() throws Exception {
    String doc = Files.readString(Path.of("docs/configuration.md"));
    doc.lines()
        .filter(l -> l.startsWith("| `mackerel."))
        .map(l -> l.substring(3, l.indexOf('`', 3)))
        .forEach(key -> assertThat(java.util.Arrays.stream(Setting.values()).map(Setting::key))
            .as("documented setting %s", key).contains(key));
  }
}
