package io.github.mackereltracing.example.servers;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Set;

/**
 * Payara Micro 7, which needs Java 21 or later: found with {@link Jdks#atLeast}. Without one the class is
 * skipped, except in CI (CI=true), where that is a failure.
 */
class PayaraMicro7IT extends ExampleWarScenario {
  @Override
  String configuration() {
    return "payara7";
  }

  @Override
  AppServer createServer(Path runDir) {
    Path jdk = Jdks.atLeast(21);
    if (jdk == null) {
      String message = "Payara Micro 7 needs a JDK 21+; none found in " + Jdks.searched(21);
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      assumeTrue(false, message);
    }
    return new PayaraMicro(configuration(), runDir, "payara7", jdk);
  }

  @Override
  Set<String> concurrencyDefaultsThatClearTheTrace() {
    // As on Payara 6: the default ContextService clears the context types it does not name.
    return Set.of("context-service");
  }

  @Override
  String descriptorAgainstServerOpenTelemetry() {
    return "WEB-INF/glassfish-web.xml";
  }
}
