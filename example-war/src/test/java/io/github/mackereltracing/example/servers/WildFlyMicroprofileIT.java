package io.github.mackereltracing.example.servers;

import java.nio.file.Path;

/**
 * WildFly with standalone-microprofile.xml, whose opentelemetry and microprofile-telemetry subsystems the
 * WAR's jboss-deployment-structure.xml excludes. (Without that descriptor the deployment fails: WildFly's
 * own SDK, 1.48, loads the WAR's newer SDK plug-ins. See docs/servers.md.)
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

  @Override
  boolean clientsOwnExecutorKeepsTheTrace() {
    return true;
  }

  @Override
  boolean ejbAsynchronousKeepsTheTrace() {
    // This configuration has no EJB container: BookStore is a plain CDI bean and its @Asynchronous method
    // runs on the caller's thread.
    return true;
  }

  @Override
  boolean hasEjbContainer() {
    return false;
  }
}
