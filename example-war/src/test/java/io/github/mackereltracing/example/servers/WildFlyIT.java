package io.github.mackereltracing.example.servers;

import java.nio.file.Path;

/** WildFly with its default configuration, standalone.xml (Jakarta EE, no OpenTelemetry). */
class WildFlyIT extends ExampleWarScenario {
  @Override
  String configuration() {
    return "wildfly";
  }

  @Override
  AppServer createServer(Path runDir) {
    return new WildFly(configuration(), runDir, "standalone.xml");
  }

  @Override
  boolean clientsOwnExecutorKeepsTheTrace() {
    return true;
  }

  @Override
  boolean logPatternShowsTheMdc() {
    return true;
  }
}
