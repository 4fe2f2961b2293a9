package io.github.mackereltracing.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figures of the benchmarks that are not JMH's, one per line: {@code name,metric,value,unit,round}, where
 * the round is the system property {@code bench.round} (run.sh sets it). Appended to the file, so that
 * repeated runs add up (the report shows their spread).
 */
public final class Results {
  private final Path file;
  private final List<String> lines = new ArrayList<>();

  public Results(Path file) {
    this.file = file;
  }

  public void add(String name, String metric, double value, String unit) {
    lines.add(String.format(Locale.ROOT, "%s,%s,%.4f,%s,%s", name, metric, value, unit,
        System.getProperty("bench.round", "1")));
  }

  public void write() throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append('\n');
    }
    Files.writeString(file, text, StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
  }
}
