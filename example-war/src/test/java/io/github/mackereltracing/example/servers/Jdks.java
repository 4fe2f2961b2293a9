package io.github.mackereltracing.example.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds a JDK of a given version for servers that need a newer Java than the build's (Payara 7: 21+). */
final class Jdks {
  private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

  private Jdks() {}

  /**
   * A JDK of at least {@code feature}: the system property or environment variable {@code JAVA<feature>_HOME}
   * (e.g. JAVA21_HOME), else the running JDK if new enough, else the newest under /usr/lib/jvm. Null if none.
   */
  static Path atLeast(int feature) {
    String configured = System.getProperty("java" + feature + ".home", System.getenv("JAVA" + feature + "_HOME"));
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured);
    }
    if (Runtime.version().feature() >= feature) {
      return Paths.get(System.getProperty("java.home"));
    }
    Path best = null;
    int bestVersion = 0;
    try (Stream<Path> jdks = Files.list(Paths.get("/usr/lib/jvm"))) {
      for (Path jdk : (Iterable<Path>) jdks::iterator) {
        int version = version(jdk);
        if (version >= feature && version > bestVersion && Files.isExecutable(jdk.resolve("bin/java"))) {
          best = jdk;
          bestVersion = version;
        }
      }
    } catch (IOException e) {
      return null;
    }
    return best;
  }

  private static int version(Path jdk) {
    try {
      Matcher m = VERSION.matcher(Files.readString(jdk.resolve("release")));
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  static List<String> searched(int feature) {
    return List.of("-Djava" + feature + ".home", "JAVA" + feature + "_HOME", "/usr/lib/jvm/*");
  }
}
