package io.github.mackereltracing.example.servers;

import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * Puts the MDC's trace ids into the pattern of WildFly's server.log, as docs/servers.md tells users to
 * configure it, for {@link WildFlyArquillianIT}; puts the server's own pattern back after it.
 */
public final class WildFlyMdcLogPattern implements ServerSetupTask {
  private static final ModelNode FORMATTER = Operations.createAddress("subsystem", "logging", "pattern-formatter", "PATTERN");
  private String previous;

  @Override
  public void setup(ManagementClient client, String containerId) throws Exception {
    previous = executeOperation(client, Operations.createReadAttributeOperation(FORMATTER, "pattern")).asString();
    executeOperation(client, Operations.createWriteAttributeOperation(FORMATTER, "pattern",
        previous.replace("(%t) %s%e%n", "(%t) trace_id=%X{trace_id} span_id=%X{span_id} %s%e%n")));
  }

  @Override
  public void tearDown(ManagementClient client, String containerId) throws Exception {
    if (previous != null) {
      executeOperation(client, Operations.createWriteAttributeOperation(FORMATTER, "pattern", previous));
    }
  }
}
