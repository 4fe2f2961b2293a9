package io.github.mackereltracing.example.servers;

import java.nio.file.Path;
import java.util.List;

/** Open Liberty with the Jakarta EE 10 Web Profile and MicroProfile Config, without its own telemetry. */
class OpenLibertyIT extends ExampleWarScenario {
  static final List<String> FEATURES = List.of("webProfile-10.0", "mpConfig-3.1");

  @Override
  String configuration() {
    return "liberty";
  }

  @Override
  AppServer createServer(Path runDir) {
    return new OpenLiberty(configuration(), runDir, FEATURES);
  }
}
