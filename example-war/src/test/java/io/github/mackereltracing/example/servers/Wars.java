package io.github.mackereltracing.example.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** The example WAR as Maven built it, and variants of it (another name, other entries) for some tests. */
final class Wars {
  static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";

  private Wars() {}

  static Path example() {
    Path war = Paths.get(System.getProperty("example.war", "target/example.war"));
    if (!Files.isRegularFile(war)) {
      throw new IllegalStateException(war + " is missing: run the integration tests with mvn verify");
    }
    return war;
  }

  /**
   * A copy of {@code war} at {@code target} in which each entry named in {@code replaced} has the given
   * content instead (null removes the entry).
   */
  static Path variant(Path war, Path target, Map<String, String> replaced) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        String name = entry.getName();
        if (replaced.containsKey(name)) {
          String content = replaced.get(name);
          if (content != null) {
            out.putNextEntry(new ZipEntry(name));
            out.write(content.getBytes(StandardCharsets.ISO_8859_1));
            out.closeEntry();
          }
          continue;
        }
        out.putNextEntry(new ZipEntry(name));
        in.transferTo(out);
        out.closeEntry();
      }
    }
    return target;
  }

  /** Copies the first entry of {@code war} whose name starts with {@code prefix} into {@code dir}; its path. */
  static Path extract(Path war, String prefix, Path dir) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().startsWith(prefix)) {
          Path file = Files.createDirectories(dir).resolve(Paths.get(entry.getName()).getFileName());
          Files.write(file, in.readAllBytes());
          return file;
        }
      }
    }
    throw new IOException(prefix + "* not in " + war);
  }

  /** The text of one entry of {@code war}. */
  static String read(Path war, String name) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().equals(name)) {
          return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
      }
    }
    throw new IOException(name + " not in " + war);
  }
}
