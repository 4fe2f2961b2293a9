package io.github.mackereltracing.example.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Open Liberty ({@code io.openliberty:openliberty-runtime}, every feature included), run as
 * {@code bin/server run} with its user directory (server.xml, logs, work area) under the run folder.
 */
final class OpenLiberty extends AppServer {
  private static final String SERVER = "example";
  /** The Jakarta EE 10 Web Profile and MicroProfile Config: what the example needs, without Liberty's telemetry. */
  static final List<String> FEATURES = List.of("webProfile-10.0", "mpConfig-3.1");
  /**
   * The ways of handing work to Jakarta Concurrency (ExampleWarScenario#concurrencyDefaultsThatClearTheTrace)
   * that run without the submitter's trace on Liberty: its default executors and context service clear the
   * context types they do not name.
   */
  static final Set<String> CLEARED_BY_DEFAULTS = Set.of("executor", "scheduled", "context-service", "asynchronous");
  private final List<String> features;

  OpenLiberty(String name, Path runDir, List<String> features) {
    super(name, runDir);
    this.features = features;
  }

  @Override
  protected List<String> prepare(List<Path> wars) throws IOException {
    Path server = Files.createDirectories(runDir.resolve("usr/servers/" + SERVER));
    StringBuilder xml = new StringBuilder("<server>\n  <featureManager>\n");
    for (String feature : features) {
      xml.append("    <feature>").append(feature).append("</feature>\n");
    }
    xml.append("  </featureManager>\n")
        .append("  <httpEndpoint id=\"defaultHttpEndpoint\" host=\"127.0.0.1\" httpPort=\"")
        .append(httpPort).append("\" httpsPort=\"-1\"/>\n")
        // INFO on the console, so that the test reads the library's start-up line there.
        .append("  <logging consoleLogLevel=\"INFO\"/>\n");
    // The example's @DataSourceDefinition names the H2 driver; Liberty loads such a driver only from a shared
    // library (the "global" one, which every application sees), never from the WAR's WEB-INF/lib.
    Path h2 = Wars.extract(wars.get(0), "WEB-INF/lib/h2-", server.resolve("lib/global"));
    xml.append("  <library id=\"global\"><file name=\"").append(h2).append("\"/></library>\n");
    for (Path war : wars) {
      xml.append("  <webApplication location=\"").append(war).append("\" contextRoot=\"/")
          .append(contextRoot(war)).append("\"/>\n");
    }
    xml.append("</server>\n");
    Files.writeString(server.resolve("server.xml"), xml);
    // No command port: the test stops the server with SIGTERM, and nothing else needs to listen.
    Files.writeString(server.resolve("bootstrap.properties"), "command.port=-1\n");
    return List.of(INSTALLS.resolve("liberty/wlp/bin/server").toString(), "run", SERVER);
  }

  @Override
  protected Map<String, String> environment() {
    return Map.of("WLP_USER_DIR", runDir.resolve("usr").toString(), "JAVA_HOME", javaHome());
  }

  @Override
  protected boolean started(String output) {
    return output.contains("CWWKF0011I");
  }

  @Override
  protected String failure(String output) {
    for (String code : List.of("CWWKZ0002E", "CWWKZ0004E", "CWWKF0001E", "CWWKE0005E")) {
      int at = output.indexOf(code);
      if (at >= 0) {
        int end = output.indexOf('\n', at);
        return output.substring(at, end < 0 ? output.length() : end);
      }
    }
    return null;
  }
}
