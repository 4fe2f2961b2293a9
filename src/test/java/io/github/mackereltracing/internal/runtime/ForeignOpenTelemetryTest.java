package io.github.mackereltracing.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** The library and the OpenTelemetry classes it uses must come from the same class loader. */
class ForeignOpenTelemetryTest {
  @Test
  void theLibrarysOwnOpenTelemetryIsFine() {
    assertThat(ForeignOpenTelemetry.problem("Jetty")).isNull();
  }

  @Test
  void aServersOpenTelemetryLoadedAheadOfTheWarsIsNamedWithItsFix() throws Exception {
    // The library loaded by a WAR's loader, while OpenTelemetry resolves from the server (the parent).
    try (URLClassLoader warLoader = new URLClassLoader(new URL[0], OpenTelemetry.class.getClassLoader())) {
      String payara = ForeignOpenTelemetry.problem(warLoader, new Class<?>[] {OpenTelemetry.class}, "Payara Server 6.2025.10");
      assertThat(payara)
          .contains("io.opentelemetry.api.OpenTelemetry", "not the ones in the WAR", "Payara Server 6.2025.10",
              "WEB-INF/glassfish-web.xml", "<class-loader delegate=\"false\"/>")
          .doesNotContain("jboss-deployment-structure");

      String wildfly = ForeignOpenTelemetry.problem(warLoader, new Class<?>[] {OpenTelemetry.class}, "WildFly Full 39.0.1.Final");
      assertThat(wildfly).contains("jboss-deployment-structure.xml", "microprofile-telemetry", "\"opentelemetry\"");

      String unknown = ForeignOpenTelemetry.problem(warLoader, new Class<?>[] {OpenTelemetry.class}, null);
      assertThat(unknown).contains("glassfish-web.xml", "jboss-deployment-structure.xml");
    }
  }
}
