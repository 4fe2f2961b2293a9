package io.github.mackereltracing.example.servers;

import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The example on WildFly with standalone-full.xml (the Jakarta EE platform with its message broker, ActiveMQ
 * Artemis; no OpenTelemetry of its own), started by WildFly's managed adapter (arquillian.xml, "wildfly"). Its
 * server.log shows the MDC's trace ids, as docs/servers.md tells users to configure it ({@link
 * WildFlyMdcLogPattern}).
 */
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly")
@Tag("wildfly")
@ServerSetup(WildFlyMdcLogPattern.class)
class WildFlyArquillianIT extends ArquillianScenario {
  static final Path LOG = ARQUILLIAN_DIR.resolve("wildfly-base/log/server.log");

  @Deployment(name = EXAMPLE, testable = false)
  static WebArchive example() {
    return exampleWar("wildfly", true, LOG);
  }

  @Deployment(name = FLUSH_CHECK, testable = false, managed = false)
  static WebArchive flushCheck() {
    return flushCheckWar("wildfly");
  }

  @Override
  Path logFile() {
    return LOG;
  }

  @Override
  String configuration() {
    return "wildfly";
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
