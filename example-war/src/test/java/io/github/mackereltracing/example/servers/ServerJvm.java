package io.github.mackereltracing.example.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Looks into a running server's JVM from outside with the JDK's {@code jcmd} (same JDK, same user): forces
 * a full GC, reads its counters and counts live objects per class. Nothing is added to the server.
 */
final class ServerJvm {
  private final long pid;
  private final String jcmd;

  ServerJvm(long pid) {
    this.pid = pid;
    this.jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString();
  }

  /** What one look at the JVM found, after full GCs. */
  record Figures(long liveThreads, long loadedClasses, long unloadedClasses, Map<String, Long> instances,
      Map<String, Long> classesByLoaderType) {
    /** Live objects whose class name starts with {@code prefix}. */
    long instancesOf(String prefix) {
      return instances.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
          .mapToLong(Map.Entry::getValue).sum();
    }

    /** The classes (with their counts) whose name starts with {@code prefix}, for failure messages. */
    List<String> classesOf(String prefix) {
      return instances.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
          .map(e -> e.getKey() + " x" + e.getValue()).sorted().toList();
    }
  }

  /**
   * Collects garbage (twice: a class loader's classes can go only once what they referenced has gone) and
   * reads the figures. The class histogram itself runs on live objects only, after its own full GC.
   */
  Figures collectAndMeasure() throws IOException, InterruptedException {
    jcmd("GC.run");
    jcmd("GC.run");
    Map<String, Long> instances = histogram();
    Map<String, Long> loaders = classesByLoaderType();
    Map<String, Long> counters = counters();
    return new Figures(
        counters.get("java.threads.live"),
        loaded(counters),
        counters.get("java.cls.unloadedClasses") + counters.getOrDefault("java.cls.sharedUnloadedClasses", 0L),
        instances, loaders);
  }

  /** Figures as they are now, without collecting first (instances are left out). */
  Figures measureNow() throws IOException, InterruptedException {
    Map<String, Long> counters = counters();
    return new Figures(counters.get("java.threads.live"), loaded(counters),
        counters.get("java.cls.unloadedClasses") + counters.getOrDefault("java.cls.sharedUnloadedClasses", 0L),
        Map.of(), Map.of());
  }

  /** Writes a heap dump (live objects) to {@code file}, for finding what keeps a class loader. */
  void heapDump(Path file) throws IOException, InterruptedException {
    jcmd("GC.heap_dump", file.toAbsolutePath().toString());
  }

  /**
   * The names of the live threads, digits replaced by {@code #} so that pools compare by kind, with their
   * counts: what a thread leak names.
   */
  Map<String, Long> threadKinds() throws IOException, InterruptedException {
    Map<String, Long> kinds = new java.util.TreeMap<>();
    for (String line : jcmd("Thread.print")) {
      if (line.startsWith("\"")) {
        String name = line.substring(1, Math.max(1, line.indexOf('"', 1))).replaceAll("[0-9]+", "#");
        kinds.merge(name, 1L, Long::sum);
      }
    }
    return kinds;
  }

  /** Writes every thread's stack to {@code file}, for finding what a stalled deployment waits on. */
  void threadDump(Path file) throws IOException, InterruptedException {
    java.nio.file.Files.write(file, jcmd("Thread.print", "-l"), StandardCharsets.UTF_8);
  }

  /** Loaded minus unloaded, as the JVM's ClassLoadingMXBean counts it (shared archive classes included). */
  private static long loaded(Map<String, Long> counters) {
    return counters.get("java.cls.loadedClasses") + counters.getOrDefault("java.cls.sharedLoadedClasses", 0L)
        - counters.get("java.cls.unloadedClasses") - counters.getOrDefault("java.cls.sharedUnloadedClasses", 0L);
  }

  private Map<String, Long> counters() throws IOException, InterruptedException {
    Map<String, Long> counters = new HashMap<>();
    for (String line : jcmd("PerfCounter.print")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        try {
          counters.put(line.substring(0, eq).strip(), Long.parseLong(line.substring(eq + 1).strip()));
        } catch (NumberFormatException textCounter) {
          // Strings (paths, flags): not needed.
        }
      }
    }
    for (String needed : List.of("java.threads.live", "java.cls.loadedClasses", "java.cls.unloadedClasses")) {
      if (!counters.containsKey(needed)) {
        throw new IOException("jcmd " + pid + " PerfCounter.print has no " + needed + " (is -XX:-UsePerfData set?)");
      }
    }
    return counters;
  }

  /**
   * Classes per type of class loader ({@code VM.classloader_stats}; hidden classes, such as lambdas and
   * method handle forms, counted with their loader), to tell whose classes a difference in the totals is.
   */
  private Map<String, Long> classesByLoaderType() throws IOException, InterruptedException {
    Map<String, Long> classes = new HashMap<>();
    String type = null;
    for (String line : jcmd("VM.classloader_stats")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length >= 7 && fields[0].startsWith("0x")) {
        type = String.join(" ", java.util.Arrays.copyOfRange(fields, 6, fields.length));
        classes.merge(type, Long.parseLong(fields[3]), Long::sum);
      } else if (line.contains("+ hidden classes") && type != null) {
        classes.merge(type + " (hidden)", Long.parseLong(fields[0]), Long::sum);
      }
    }
    return classes;
  }

  /** Live instances per class name ({@code GC.class_histogram}: "num: instances bytes name (module)"). */
  private Map<String, Long> histogram() throws IOException, InterruptedException {
    Map<String, Long> instances = new HashMap<>();
    for (String line : jcmd("GC.class_histogram")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length >= 4 && fields[0].endsWith(":")) {
        instances.merge(fields[3], Long.parseLong(fields[1]), Long::sum);
      }
    }
    return instances;
  }

  private List<String> jcmd(String... command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(jcmd, Long.toString(pid)));
    args.addAll(List.of(command));
    Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", args) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8).lines().toList();
  }
}
