package io.github.mackereltracing.example.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One application server installation from Maven Central, run from a fresh state directory, bound to
 * 127.0.0.1 only, on free ports.
 */
abstract class AppServer {
  /** Where Maven unpacked the servers (see example-war/pom.xml). */
  static final Path INSTALLS = Paths.get(System.getProperty("servers.dir", "target/servers"));

  private final String name;
  protected final Path runDir;
  protected final int httpPort = freePort();
  private ServerProcess process;
  private List<String> contextRoots = List.of();
  private Duration startup;
  private Duration shutdown;

  AppServer(String name, Path runDir) {
    this.name = name;
    this.runDir = runDir;
  }

  /** Writes the server's configuration under runDir, deploys the WARs, and returns the command to run. */
  protected abstract List<String> prepare(List<Path> wars) throws IOException;

  /** Whether the server says, in its output, that it has started with every application. */
  protected abstract boolean started(String output);

  /** The reason the server gives for a failed deployment, or null. */
  protected String failure(String output) {
    return null;
  }

  /** Variables the server itself needs (JAVA_HOME, ...). */
  protected Map<String, String> environment() {
    return Map.of();
  }

  String name() {
    return name;
  }

  /** Starts the server with the WARs deployed (context root = file name) and waits until each answers. */
  void start(List<Path> wars, Map<String, String> env, Duration timeout) throws Exception {
    List<String> command = prepare(wars);
    Map<String, String> all = new java.util.HashMap<>(environment());
    all.putAll(env);
    List<String> roots = new ArrayList<>();
    for (Path war : wars) {
      roots.add("/" + contextRoot(war));
    }
    contextRoots = roots;
    long begin = System.nanoTime();
    process = ServerProcess.start(command, runDir, all, runDir.resolve("server.log"));
    awaitReady(timeout);
    startup = Duration.ofNanos(System.nanoTime() - begin);
  }

  private void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    // HTTP/1.1: see ExampleWarScenario#http.
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited during start-up:\n" + tail());
      }
      String output = process.output();
      String failure = failure(output);
      if (failure != null) {
        throw new AssertionError(name + " failed to deploy: " + failure + "\n" + tail());
      }
      if (started(output) && allAnswer(http)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(name + " did not start within " + timeout + ":\n" + tail());
  }

  private boolean allAnswer(HttpClient http) {
    for (String root : contextRoots) {
      try {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(root + "/"))).timeout(Duration.ofSeconds(5)).build();
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
          return false;
        }
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /**
   * Stops the server as an operator would (SIGTERM), which undeploys the applications; kills it after
   * {@code timeout}. Returns whether it stopped by itself. Safe to call twice.
   */
  boolean stop(Duration timeout) throws InterruptedException {
    if (process == null) {
      return true;
    }
    long begin = System.nanoTime();
    boolean graceful = process.stop(timeout);
    if (shutdown == null) {
      shutdown = Duration.ofNanos(System.nanoTime() - begin);
    }
    return graceful;
  }

  boolean running() {
    return process != null && process.isAlive();
  }

  String url(String path) {
    return "http://127.0.0.1:" + httpPort + path;
  }

  String output() {
    return process == null ? "" : process.output();
  }

  long javaPid() {
    return process.javaPid();
  }

  Duration startup() {
    return startup;
  }

  Duration shutdown() {
    return shutdown;
  }

  /** The last lines of the output, for failure messages. */
  String tail() {
    String[] lines = output().split("\n");
    int from = Math.max(0, lines.length - 60);
    return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
  }

  static String contextRoot(Path war) {
    String file = war.getFileName().toString();
    return file.endsWith(".war") ? file.substring(0, file.length() - 4) : file;
  }

  /** A port free on 127.0.0.1 right now. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String javaHome() {
    return System.getProperty("java.home");
  }
}
