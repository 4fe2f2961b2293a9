package io.github.mackereltracing.example.servers;

import java.nio.file.Path;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The example on Open Liberty with the Jakarta EE 10 Web Profile, MicroProfile Config and Jakarta Messaging (its
 * own messaging engine, message-driven beans), without its own telemetry, started by Liberty's managed adapter
 * (arquillian.xml, "liberty"; server.xml from src/test/arquillian/liberty). Log lines: its messages.log.
 */
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "liberty")
@Tag("liberty")
class OpenLibertyArquillianIT extends ArquillianScenario {
  static final Path LOG = ARQUILLIAN_DIR.resolve("liberty-usr/servers/arquillian/logs/messages.log");

  @Deployment(name = EXAMPLE, testable = false)
  static WebArchive example() {
    return exampleWar("liberty", true, LOG);
  }

  @Deployment(name = FLUSH_CHECK, testable = false, managed = false)
  static WebArchive flushCheck() {
    return flushCheckWar("liberty");
  }

  @Override
  Path logFile() {
    return LOG;
  }

  @Override
  String configuration() {
    return "liberty";
  }

  @Override
  boolean messaging() {
    return true;
  }

  @Override
  Set<String> concurrencyDefaultsThatClearTheTrace() {
    return OpenLiberty.CLEARED_BY_DEFAULTS;
  }
}
