package io.github.mackereltracing.example.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/** Start-up and shutdown times per configuration, printed and appended to target/runs/timings.txt. */
final class Timings {
  private Timings() {}

  static void record(String configuration, AppServer server) {
    String line = String.format("%-22s start %5.1f s   stop %5.1f s%n", configuration,
        seconds(server.startup()), seconds(server.shutdown()));
    System.out.print("[servers] " + line);
    Path file = Paths.get(System.getProperty("runs.dir", "target/runs")).resolve("timings.txt");
    try {
      Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.out.println("[servers] cannot write " + file + ": " + e);
    }
  }

  private static double seconds(Duration duration) {
    return duration == null ? Double.NaN : duration.toMillis() / 1000.0;
  }
}
