package io.github.mackereltracing.example.servers;

import java.nio.file.Path;
import java.nio.file.Paths;

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
  String descriptorAgainstServerOpenTelemetry() {
    return "WEB-INF/glassfish-web.xml";
  }
}
