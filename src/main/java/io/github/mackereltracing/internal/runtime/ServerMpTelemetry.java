package io.github.mackereltracing.internal.runtime;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import jakarta.annotation.Nullable;
import java.lang.reflect.Type;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The application server's own MicroProfile Telemetry, and when it traces a deployment.
 *
 * <p>A server with MicroProfile Telemetry (Open Liberty's {@code mpTelemetry}, Payara, WildFly's
 * {@code microprofile-telemetry}) adds its own {@code OpenTelemetry}, {@code Tracer}, {@code Span} and
 * {@code Baggage} beans to every CDI deployment, built on its own copy of the OpenTelemetry API. They are
 * always there; the server's SDK traces only when the deployment's MicroProfile Config says
 * {@code otel.sdk.disabled=false}, as the specification wants. Then the server makes a SERVER span for every
 * request itself, and the library would make a second one in a second trace: it steps aside for that
 * deployment instead (see {@link DeploymentTracing}).
 */
public final class ServerMpTelemetry {
  private static final Class<?>[] API = {OpenTelemetry.class, Tracer.class, Span.class, Baggage.class};
  /** Where servers keep their MicroProfile Telemetry beans, and the server each package means. */
  private static final String[][] KNOWN = {
    {"io.openliberty.", "Open Liberty"},
    {"com.ibm.ws.", "Open Liberty"},
    {"fish.payara.", "Payara"},
    {"org.wildfly.", "WildFly"},
    // WildFly's and JBoss EAP's MicroProfile Telemetry, or a copy inside the WAR: either traces on its own.
    {"io.smallrye.opentelemetry.", "SmallRye OpenTelemetry"},
  };

  private ServerMpTelemetry() {}

  /**
   * Whether a bean with {@code types}, declared by {@code beanClass}, is a server's MicroProfile Telemetry
   * bean: one of the four API types, but of another copy of the API than the library's (Open Liberty keeps
   * its own apart from the WAR's), or of the library's copy but declared in a server's package (a server
   * whose OpenTelemetry the deployment shares).
   */
  public static boolean isServerBean(Set<Type> types, Class<?> beanClass) {
    boolean serverPackage = server(beanClass.getName()) != null;
    for (Type type : types) {
      if (!(type instanceof Class)) {
        continue;
      }
      Class<?> c = (Class<?>) type;
      for (Class<?> ours : API) {
        if (c.getName().equals(ours.getName()) && (c != ours || serverPackage)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The server a bean class belongs to, or null when its package is not a known server's. */
  @Nullable
  static String server(String beanClass) {
    for (String[] known : KNOWN) {
      if (beanClass.startsWith(known[0])) {
        return known[1];
      }
    }
    return null;
  }

  /**
   * Whether the deployment's settings switch MicroProfile Telemetry on ({@code otel.sdk.disabled=false}):
   * for the server's SDK, that is what makes it trace. The API key alone does not: it is the library's.
   */
  static boolean switchedOn(Map<String, String> properties) {
    String disabled = properties.get("otel.sdk.disabled");
    return disabled != null && disabled.strip().toLowerCase(Locale.ROOT).equals("false");
  }

  /**
   * Whether the server's own SDK, once switched on, fails the deployment of a WAR that carries OpenTelemetry's
   * SDK jars, as this library needs: Payara builds its SDK (OpenTelemetry 1.29) with the deployment's class
   * loader as the service loader, meets the WAR's exporter, propagator and resource plug-ins, and stops at
   * the first ({@code ServiceConfigurationError: ... not a subtype}), reported only as "CDI deployment
   * failure:null". Measured on Payara Micro 6.2025.10 and 7.2025.1 with a WAR without this library too.
   */
  static boolean failsWarsWithTheSdk(String beanClass) {
    return beanClass.startsWith("fish.payara.");
  }

  /**
   * The one line logged when the library steps aside: which server, why, and the two ways to choose. Never
   * contains the key.
   */
  static String stepAsideMessage(String deployment, String beanClass, @Nullable String serverInfo) {
    String server = server(beanClass);
    if (server == null) {
      server = serverInfo == null || serverInfo.isBlank() ? "The server" : serverInfo;
    }
    if (failsWarsWithTheSdk(beanClass)) {
      return "Mackerel tracing steps aside for deployment '" + deployment + "': " + server
          + "'s own MicroProfile Telemetry is switched on (otel.sdk.disabled=false), and " + server
          + "'s SDK is about to fail this deployment (\"CDI deployment failure:null\"): it loads the"
          + " OpenTelemetry SDK plug-ins that this WAR carries, with or without this library, and refuses them"
          + " (ServiceConfigurationError: ... not a subtype). Choose one: to trace with this library, remove"
          + " otel.sdk.disabled=false and set MACKEREL_API_KEY; or, to use " + server + "'s telemetry, remove"
          + " this library and the OpenTelemetry SDK jars from the WAR and send " + server + "'s traces to"
          + " Mackerel: " + MACKEREL_SETTINGS;
    }
    return "Mackerel tracing steps aside for deployment '" + deployment + "': " + server
        + "'s own MicroProfile Telemetry traces it (otel.sdk.disabled=false; its bean " + beanClass
        + "), and a second tracer would record every request twice, in two traces. This library makes no"
        + " spans here; the server's telemetry runs as configured. Choose one: to trace with this library,"
        + " remove otel.sdk.disabled=false and set MACKEREL_API_KEY; or, to keep the server's telemetry, send"
        + " it to Mackerel: " + MACKEREL_SETTINGS;
  }

  /** How a server's own OpenTelemetry SDK sends to Mackerel. */
  private static final String MACKEREL_SETTINGS = "otel.exporter.otlp.protocol=http/protobuf,"
      + " otel.exporter.otlp.traces.endpoint=https://otlp-vaxila.mackerelio.com/v1/traces,"
      + " otel.exporter.otlp.traces.headers=Mackerel-Api-Key=<your key>,Accept=*/*";
}
