package io.github.mackereltracing.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/compatibility.md promises that every configuration key and every span attribute name is stable, so
 * it names each one: a key or attribute added to the code without being added there (and so to the promise)
 * fails here.
 */
class CompatibilityDocTest {
  private static final Path PAGE = Path.of("docs/compatibility.md");
  /** String literals in the library's sources that are attribute names (the namespaces the library sets). */
  private static final Pattern ATTRIBUTE = Pattern.compile(
      "\"((?:http|url|server|client|network|user_agent|error|exception|code|db|messaging|host|process|service)\\.[a-z_.]+)\"");

  @Test
  void everyLibrarySettingIsNamed() throws IOException {
    String page = Files.readString(PAGE);
    List<String> missing = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      if (!page.contains("`" + setting.key() + "`")) {
        missing.add(setting.key());
      }
    }
    assertThat(missing).as("settings that docs/compatibility.md does not name").isEmpty();
  }

  @Test
  void everyAttributeNameTheLibrarySetsIsNamed() throws IOException {
    String page = Files.readString(PAGE);
    Set<String> names = new TreeSet<>();
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher literal = ATTRIBUTE.matcher(Files.readString(source));
        while (literal.find()) {
          names.add(literal.group(1));
        }
      }
    }
    assertThat(names).as("attribute names found in the sources").contains("http.route", "db.query.text");
    // A name ending in a dot is a prefix (http.request.header.<name>).
    assertThat(names.stream().filter(name -> !page.contains("`" + name + (name.endsWith(".") ? "" : "`"))))
        .as("attribute names that docs/compatibility.md does not name").isEmpty();
  }
}
