package io.github.mackereltracing.example.servers;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;

/** Payara Micro 6 on the build's JDK (17). */
class PayaraMicro6IT extends ExampleWarScenario {
  @Override
  String configuration() {
    return "payara6";
  }

  @Override
  AppServer createServer(Path runDir) {
    return new PayaraMicro(configuration(), runDir, "payara6", Paths.get(AppServer.javaHome()));
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
