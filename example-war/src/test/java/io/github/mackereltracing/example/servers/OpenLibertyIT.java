package io.github.mackereltracing.example.servers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Open Liberty with the Jakarta EE 10 Web Profile, MicroProfile Config and Jakarta Messaging (its own
 * messaging engine, message-driven beans), without its own telemetry.
 */
class OpenLibertyIT extends ExampleWarScenario {
  static final List<String> FEATURES = List.of("webProfile-10.0", "mpConfig-3.1");

  @Override
  String configuration() {
    return "liberty";
  }

  @Override
  AppServer createServer(Path runDir) {
    List<String> features = new ArrayList<>(FEATURES);
    features.addAll(OpenLiberty.MESSAGING);
    return new OpenLiberty(configuration(), runDir, features, OpenLiberty.MESSAGING_CONFIGURATION);
  }

  @Override
  boolean messaging() {
    return true;
  }

  /** Liberty's default executors and context service clear the context types they do not name. */
  static final Set<String> CLEARED_BY_DEFAULTS = Set.of("executor", "scheduled", "context-service", "asynchronous");

  @Override
  Set<String> concurrencyDefaultsThatClearTheTrace() {
    return CLEARED_BY_DEFAULTS;
  }
}
