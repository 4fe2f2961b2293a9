package io.github.mackereltracing.example.servers;

import java.nio.file.Path;

/**
 * WildFly with standalone-full.xml: the Jakarta EE platform with its message broker (ActiveMQ Artemis), no
 * OpenTelemetry. Everything standalone.xml has, and messaging, for the example's Jakarta Messaging part.
 */
class WildFlyIT extends ExampleWarScenario {
  @Override
  String configuration() {
    return "wildfly";
  }

  @Override
  AppServer createServer(Path runDir) {
    return new WildFly(configuration(), runDir, "standalone-full.xml");
  }

  @Override
  boolean messaging() {
    return true;
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
