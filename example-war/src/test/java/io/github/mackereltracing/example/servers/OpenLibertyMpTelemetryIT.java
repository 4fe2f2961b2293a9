package io.github.mackereltracing.example.servers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Open Liberty with its own MicroProfile Telemetry 2.0 feature enabled (its SDK stays off, as by default:
 * otel.sdk.disabled is not set for it). Liberty keeps the WAR's OpenTelemetry apart from its own.
 */
class OpenLibertyMpTelemetryIT extends ExampleWarScenario {
  @Override
  String configuration() {
    return "liberty-mptelemetry";
  }

  @Override
  AppServer createServer(Path runDir) {
    List<String> features = new ArrayList<>(OpenLiberty.FEATURES);
    features.add("mpTelemetry-2.0");
    return new OpenLiberty(configuration(), runDir, features);
  }

  @Override
  Set<String> concurrencyDefaultsThatClearTheTrace() {
    return OpenLiberty.CLEARED_BY_DEFAULTS;
  }
}
