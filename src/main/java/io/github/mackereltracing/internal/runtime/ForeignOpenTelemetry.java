package io.github.mackereltracing.internal.runtime;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import jakarta.annotation.Nullable;
import java.util.Locale;

/**
 * Detects the case where the OpenTelemetry classes this library sees are not the ones shipped beside it:
 * a server that loads its own (older) OpenTelemetry ahead of the WAR's. Tracing would then run half on
 * the server's classes and half on ours; instead it stays off, and one line says which descriptor fixes it.
 */
final class ForeignOpenTelemetry {
  private static final Class<?>[] OURS = {
    OpenTelemetry.class, Context.class, OpenTelemetrySdk.class, AutoConfiguredOpenTelemetrySdk.class
  };

  private ForeignOpenTelemetry() {}

  /** Null when every OpenTelemetry class comes from the library's own class loader, else the problem. */
  @Nullable
  static String problem(@Nullable String serverInfo) {
    return problem(DeploymentTracing.class.getClassLoader(), OURS, serverInfo);
  }

  @Nullable
  static String problem(ClassLoader library, Class<?>[] classes, @Nullable String serverInfo) {
    for (Class<?> type : classes) {
      ClassLoader loader = type.getClassLoader();
      if (loader != library) {
        String version = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return "the OpenTelemetry classes it sees are not the ones in the WAR: " + type.getName()
            + (version == null ? "" : " " + version) + " comes from " + loader
            + ", which the server loads ahead of the WAR's jars. " + fix(serverInfo);
      }
    }
    return null;
  }

  /** The descriptor that makes the server load the WAR's OpenTelemetry. */
  static String fix(@Nullable String serverInfo) {
    String server = serverInfo == null ? "" : serverInfo.toLowerCase(Locale.ROOT);
    String payara = "Payara/GlassFish: add WEB-INF/glassfish-web.xml containing"
        + " <glassfish-web-app><class-loader delegate=\"false\"/></glassfish-web-app>.";
    String wildfly = "WildFly/JBoss EAP: add WEB-INF/jboss-deployment-structure.xml that excludes both subsystems,"
        + " <jboss-deployment-structure><deployment><exclude-subsystems><subsystem name=\"microprofile-telemetry\"/>"
        + "<subsystem name=\"opentelemetry\"/></exclude-subsystems></deployment></jboss-deployment-structure>.";
    if (server.contains("payara") || server.contains("glassfish")) {
      return "Fix on " + serverInfo + ": " + payara;
    }
    if (server.contains("wildfly") || server.contains("undertow") || server.contains("jboss")) {
      return "Fix on " + serverInfo + ": " + wildfly;
    }
    return "Fix: " + payara + " " + wildfly;
  }
}
