package io.github.mackereltracing.example.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A server's operating-system process: started with a clean environment, its output in a log file, stopped
 * the way an operator stops it (SIGTERM to the JVM), and killed if the test JVM goes away first.
 */
final class ServerProcess {
  /** Every process still running; a JVM shutdown hook kills them if a test run is interrupted. */
  private static final Set<ServerProcess> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ServerProcess::kill), "kill-servers"));
  }

  private final Process process;
  private final Path log;

  private ServerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} in {@code workDir}. The environment is this JVM's without any Mackerel or
   * OpenTelemetry variable (a developer's own key must never reach a test server), plus {@code env}.
   */
  static ServerProcess start(List<String> command, Path workDir, Map<String, String> env, Path log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("MACKEREL_") || name.startsWith("OTEL_"));
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    ServerProcess server = new ServerProcess(builder.start(), log);
    RUNNING.add(server);
    return server;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The JVM's process id: the started process itself, or the java process a start script launched. */
  long javaPid() {
    ProcessHandle self = process.toHandle();
    if (isJava(self)) {
      return self.pid();
    }
    return process.descendants().filter(ServerProcess::isJava).findFirst().map(ProcessHandle::pid)
        .orElse(self.pid());
  }

  private static boolean isJava(ProcessHandle handle) {
    return handle.info().command().map(c -> c.endsWith("/java")).orElse(false);
  }

  /** Everything the server printed so far. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  Path logFile() {
    return log;
  }

  /**
   * Stops the server gracefully, as SIGTERM does (servers undeploy their applications), and kills it if it
   * has not exited within {@code timeout}. Returns whether it stopped by itself.
   */
  boolean stop(Duration timeout) throws InterruptedException {
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      // The signal goes to the JVM: a start script that waits for a foreground java would die at once
      // and leave the JVM shutting down on its own.
      List<ProcessHandle> jvms = process.descendants().filter(ServerProcess::isJava).toList();
      if (jvms.isEmpty()) {
        process.destroy();
      } else {
        jvms.forEach(ProcessHandle::destroy);
      }
      boolean exited = true;
      for (ProcessHandle jvm : jvms) {
        exited &= waitFor(jvm, deadline);
      }
      exited &= process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (!exited) {
        kill();
      }
      return exited;
    } finally {
      RUNNING.remove(this);
    }
  }

  private static boolean waitFor(ProcessHandle handle, long deadline) throws InterruptedException {
    try {
      handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return !handle.isAlive();
    }
  }

  /** Kills the process and everything it started, at once. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RUNNING.remove(this);
  }
}
