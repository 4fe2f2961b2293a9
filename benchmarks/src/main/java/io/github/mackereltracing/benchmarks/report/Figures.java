package io.github.mackereltracing.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every figure of a run, by name, metric and round: JMH's CSV files ({@code jmh/r<round>-*.csv}) and the
 * harnesses' own ({@code *.csv} lines {@code name,metric,value,unit,round}).
 */
final class Figures {
  private static final Pattern JMH_FILE = Pattern.compile("r(\\d+)-.*\\.csv");

  /** name|metric -> round -> value. */
  private final Map<String, Map<Integer, Double>> values = new TreeMap<>();
  private final Map<String, String> units = new TreeMap<>();

  static Figures read(Path results) throws IOException {
    Figures figures = new Figures();
    Path jmh = results.resolve("jmh");
    if (Files.isDirectory(jmh)) {
      try (Stream<Path> files = Files.list(jmh)) {
        for (Path file : files.sorted().toList()) {
          Matcher m = JMH_FILE.matcher(file.getFileName().toString());
          if (m.matches()) {
            figures.readJmh(file, Integer.parseInt(m.group(1)));
          }
        }
      }
    }
    try (Stream<Path> files = Files.list(results)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".csv") && !f.getFileName().toString().equals("load.csv"))
          .sorted().toList()) {
        figures.readOwn(file);
      }
    }
    return figures;
  }

  private void readJmh(Path file, int round) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      return;
    }
    List<String> header = csv(lines.get(0));
    int paramColumn = -1;
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).startsWith("Param: ")) {
        paramColumn = i;
      }
    }
    for (String line : lines.subList(1, lines.size())) {
      List<String> cells = csv(line);
      String benchmark = cells.get(0);
      String metric = "score";
      int colon = benchmark.indexOf(':');
      if (colon >= 0) {
        metric = benchmark.substring(colon + 1);
        benchmark = benchmark.substring(0, colon);
      }
      String[] parts = benchmark.split("\\.");
      String name = parts[parts.length - 2] + "." + parts[parts.length - 1];
      if (paramColumn >= 0 && !cells.get(paramColumn).isEmpty()) {
        name += "[" + cells.get(paramColumn) + "]";
      }
      put(name, metric, round, Double.parseDouble(cells.get(4)), cells.get(6));
    }
  }

  private void readOwn(Path file) throws IOException {
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split(",");
      int round = cells.length > 4 ? Integer.parseInt(cells[4].strip()) : 1;
      put(cells[0], cells[1], round, Double.parseDouble(cells[2]), cells[3]);
    }
  }

  private void put(String name, String metric, int round, double value, String unit) {
    values.computeIfAbsent(name + "|" + metric, k -> new TreeMap<>()).put(round, value);
    units.put(name + "|" + metric, unit);
  }

  /** The value in each round, or an empty map. */
  Map<Integer, Double> rounds(String name, String metric) {
    return values.getOrDefault(name + "|" + metric, Collections.emptyMap());
  }

  boolean has(String name, String metric) {
    return !rounds(name, metric).isEmpty();
  }

  String unit(String name, String metric) {
    return units.getOrDefault(name + "|" + metric, "");
  }

  /** Median over rounds, or NaN. */
  double median(String name, String metric) {
    return median(new ArrayList<>(rounds(name, metric).values()));
  }

  double min(String name, String metric) {
    return rounds(name, metric).values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  double max(String name, String metric) {
    return rounds(name, metric).values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Splits one CSV line as JMH writes it (fields may be quoted, with "" for a quote). */
  static List<String> csv(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
