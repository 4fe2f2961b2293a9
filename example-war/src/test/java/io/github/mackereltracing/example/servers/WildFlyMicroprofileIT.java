package io.github.mackereltracing.example.servers;

import java.nio.file.Path;

/**
 * WildFly with standalone-microprofile.xml, whose opentelemetry and microprofile-telemetry subsystems the
 * WAR's jboss-deployment-structure.xml excludes.
 */
class WildFlyMicroprofileIT extends ExampleWarScenario {
  @Override
  String configuration() {
    return "wildfly-microprofile";
  }

  @Override
  AppServer createServer(Path runDir) {
    return new WildFly(configuration(), runDir, "standalone-microprofile.xml");
  }
}
