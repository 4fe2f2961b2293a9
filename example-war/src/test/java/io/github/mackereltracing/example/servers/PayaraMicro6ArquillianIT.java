package io.github.mackereltracing.example.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The example on Payara Micro 6 (on the build's JDK), started by Payara's managed adapter, which runs one
 * Payara Micro per deployment ({@code java -jar payara-micro.jar --deploy}): arquillian.xml's group "payara6"
 * has a container for each WAR of the scenario, example.war on the one the micro-deployments use. So here each
 * WAR has a JVM of its own (two WARs in one Payara are proved by the hand-started PayaraMicro7IT). Log lines:
 * the servers' output, which the adapter prints to this JVM's console ({@link ConsoleCopy}).
 */
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "payara6")
@Tag("payara6")
class PayaraMicro6ArquillianIT extends ArquillianScenario {
  static final String NO_DESCRIPTOR = "no-descriptor";

  @ArquillianResource
  @OperateOnDeployment(NO_DESCRIPTOR)
  URL noDescriptorUrl;

  @Deployment(name = EXAMPLE, testable = false)
  @TargetsContainer("payara6-main")
  static WebArchive example() {
    ConsoleCopy.start();
    return exampleWar("payara6", false, null);
  }

  @Deployment(name = FLUSH_CHECK, testable = false, managed = false)
  @TargetsContainer("payara6-flush-check")
  static WebArchive flushCheck() {
    return flushCheckWar("payara6");
  }

  /** The example without the descriptor that puts the WAR's classes first (see the test that uses it). */
  @Deployment(name = NO_DESCRIPTOR, testable = false)
  @TargetsContainer("payara6-no-descriptor")
  static WebArchive noDescriptor() {
    WebArchive war = exampleWar(NO_DESCRIPTOR, "payara6");
    war.delete("WEB-INF/glassfish-web.xml");
    return war;
  }

  @Override
  Path logFile() {
    return null;
  }

  @Override
  String serverLog() {
    return ConsoleCopy.text();
  }

  @Override
  int port(String contextRoot) {
    return switch (contextRoot) {
      case FLUSH_CHECK -> Integer.getInteger("arquillian.payara.flush-check.port");
      case NO_DESCRIPTOR -> noDescriptorUrl.getPort();
      default -> super.port(contextRoot);
    };
  }

  /** The JVM of the Payara Micro that runs example.war. */
  @Override
  long serverPid() {
    return payaraMicroOf(EXAMPLE).pid();
  }

  /**
   * The undeployment, which stops flush-check's Payara Micro with SIGTERM; the adapter does not wait for it to
   * exit, so the test does.
   */
  @Override
  void stopFlushCheck() throws Exception {
    ProcessHandle payara = payaraMicroOf(FLUSH_CHECK);
    super.stopFlushCheck();
    payara.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private static ProcessHandle payaraMicroOf(String deployment) {
    return serverJvms()
        .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("/" + deployment + ".war ")).orElse(false))
        .findFirst().orElseThrow(() -> new AssertionError("no Payara Micro runs " + deployment + ".war"));
  }

  @Override
  String configuration() {
    return "payara6";
  }

  @Override
  Set<String> concurrencyDefaultsThatClearTheTrace() {
    // Payara's default ContextService clears the context types it does not name; its executors propagate them.
    return Set.of("context-service");
  }

  @Override
  String descriptorAgainstServerOpenTelemetry() {
    return "WEB-INF/glassfish-web.xml";
  }
}
