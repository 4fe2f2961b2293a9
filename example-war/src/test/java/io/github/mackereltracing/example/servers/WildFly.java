package io.github.mackereltracing.example.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * WildFly ({@code org.wildfly:wildfly-dist}) in standalone mode, its base directory (configuration,
 * deployments, data, logs) copied fresh under the run folder; WARs are deployed by the deployment scanner.
 */
final class WildFly extends AppServer {
  private final String configuration;
  private List<Path> deployed = List.of();
  private Duration scanInterval;

  /** {@code configuration}: standalone.xml, standalone-full.xml (messaging) or standalone-microprofile.xml. */
  WildFly(String name, Path runDir, String configuration) {
    super(name, runDir);
    this.configuration = configuration;
  }

  /**
   * Makes the deployment scanner look for changes every {@code interval} instead of every 5 s, so that a test
   * that deploys and undeploys through marker files does not wait for it.
   */
  WildFly scanInterval(Duration interval) {
    this.scanInterval = interval;
    return this;
  }

  /** The folder the deployment scanner watches (exists once the server is prepared). */
  Path deployments() {
    return runDir.resolve("base/deployments");
  }

  static Path home() {
    return INSTALLS.resolve("wildfly/wildfly-" + System.getProperty("wildfly.version", "39.0.1.Final"));
  }

  @Override
  protected List<String> prepare(List<Path> wars) throws IOException {
    Path base = runDir.resolve("base");
    copyTree(home().resolve("standalone/configuration"), base.resolve("configuration"));
    if (scanInterval != null) {
      Path xml = base.resolve("configuration").resolve(configuration);
      Files.writeString(xml, Files.readString(xml)
          .replace("scan-interval=\"5000\"", "scan-interval=\"" + scanInterval.toMillis() + "\""));
    }
    Path deployments = Files.createDirectories(base.resolve("deployments"));
    deployed = wars.stream().map(war -> deployments.resolve(war.getFileName())).toList();
    for (Path war : wars) {
      Files.copy(war, deployments.resolve(war.getFileName()));
    }
    return List.of(home().resolve("bin/standalone.sh").toString(),
        "-c", configuration, "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
        "-Djboss.server.base.dir=" + base,
        "-Djboss.http.port=" + httpPort,
        "-Djboss.https.port=" + freePort(),
        "-Djboss.ajp.port=" + freePort(),
        "-Djboss.management.http.port=" + freePort(),
        "-Djboss.management.https.port=" + freePort());
  }

  @Override
  protected Map<String, String> environment() {
    return Map.of("JAVA_HOME", javaHome());
  }

  @Override
  protected boolean started(String output) {
    return deployed.stream().allMatch(war -> Files.exists(marker(war, ".deployed")));
  }

  @Override
  protected String failure(String output) {
    for (Path war : deployed) {
      Path failed = marker(war, ".failed");
      if (Files.exists(failed)) {
        try {
          return Files.readString(failed);
        } catch (IOException e) {
          return failed.toString();
        }
      }
    }
    return null;
  }

  private static Path marker(Path war, String suffix) {
    return war.resolveSibling(war.getFileName() + suffix);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
