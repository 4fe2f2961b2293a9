package io.github.mackereltracing.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Draws docs/benchmarks/benchmarks.png with gnuplot from the figures of the run: four panels (@Traced, JDBC,
 * export, whole application), each bar the median over rounds with the range as an error bar. The data
 * files and the gnuplot script stay beside the picture, so it can be redrawn by hand.
 */
final class Chart {
  private Chart() {}

  static void draw(Figures f, Path dir) throws IOException, InterruptedException {
    write(dir.resolve("traced.dat"), bars(f, Report.TRACED, Report.SCORE, new String[] {"a", "b", "c", "d", "e"}));
    write(dir.resolve("jdbc.dat"), bars(f, Report.JDBC, Report.SCORE,
        new String[] {"raw", "ours\\nparent", "ours\\nno parent", "JdbcTel.\\nparent", "JdbcTel.\\nno parent"}));
    StringBuilder export = new StringBuilder("# offered received(median min max)\n");
    for (String[] row : Report.EXPORT_RATES) {
      if (f.has(row[0], "received")) {
        // Offered "as fast as one thread can" is off the scale of the rest: left out ("?").
        String offered = row[0].equals("export.max")
            ? "?"
            : String.format(Locale.ROOT, "%.0f", f.median(row[0], "offered") / 1000);
        export.append(String.format(Locale.ROOT, "\"%s\" %s %.0f %.0f %.0f%n", row[1], offered,
            f.median(row[0], "received") / 1000, f.min(row[0], "received") / 1000,
            f.max(row[0], "received") / 1000));
      }
    }
    write(dir.resolve("export.dat"), export.toString());
    write(dir.resolve("app.dat"), bars(f, Report.APP, "requests_per_second",
        new String[] {"no tracing", "this library", "OTel agent"}));
    boolean app = Files.size(dir.resolve("app.dat")) > 40;

    String script = """
        set terminal pngcairo size 1400,1000 font ",11" noenhanced
        set datafile missing "?"
        set output '%s'
        set multiplot layout 2,2 title "mackerel-tracing-jakarta benchmarks (median of rounds; bars: range)"
        set style data histogram
        set style histogram errorbars gap 2 lw 1
        set style fill solid 0.6 border -1
        set boxwidth 0.8
        set grid ytics
        set yrange [0:*]
        set offsets 0, 0, graph 0.08, 0
        set key off
        set title "@Traced in Weld SE, ns per call\\n(a) plain (b) empty interceptor (c) @Traced (d) by hand (e) sampling off"
        plot '%s' using 2:3:4:xtic(1) lc rgb "#3b7dd8"
        set title "JDBC primary-key lookup on H2, ns per statement"
        plot '%s' using 2:3:4:xtic(1) lc rgb "#2a9d8f"
        set title "Export to OTLP on loopback, thousands of spans/s (dashed: the 100k target)"
        set key top left
        set style histogram clustered gap 2
        set arrow 1 from graph 0, first 100 to graph 1, first 100 nohead dt 2 lc rgb "#555555"
        plot '%s' using 2:xtic(1) title "offered" lc rgb "#bbbbbb", '' using 3 title "received" lc rgb "#e76f51"
        unset arrow 1
        set key off
        set style histogram errorbars gap 2 lw 1
        set title "Whole application under wrk, requests/s"
        %s
        unset multiplot
        """.formatted("benchmarks.png", "traced.dat", "jdbc.dat", "export.dat",
            app ? "plot 'app.dat' using 2:3:4:xtic(1) lc rgb \"#8d5fd3\""
                : "set label 1 'not measured in this run' at graph 0.35, graph 0.5\n        unset tics\n"
                    + "        plot [0:1][0:1] -1 notitle");
    Path gp = dir.resolve("benchmarks.gp");
    write(gp, script);
    // Run where the data are: the script names them relative to it.
    Process gnuplot = new ProcessBuilder("gnuplot", gp.getFileName().toString())
        .directory(dir.toFile())
        .inheritIO()
        .start();
    if (!gnuplot.waitFor(60, TimeUnit.SECONDS) || gnuplot.exitValue() != 0) {
      throw new IOException("gnuplot failed on " + gp);
    }
  }

  /** Rows {@code "label" median min max}; rows without figures are left out. */
  private static String bars(Figures f, String[][] rows, String metric, String[] labels) {
    StringBuilder data = new StringBuilder("# label median min max\n");
    for (int i = 0; i < rows.length; i++) {
      String name = rows[i][0];
      if (!f.has(name, metric)) {
        continue;
      }
      data.append(String.format(Locale.ROOT, "\"%s\" %.3f %.3f %.3f%n", labels[i], f.median(name, metric),
          f.min(name, metric), f.max(name, metric)));
    }
    return data.toString();
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
