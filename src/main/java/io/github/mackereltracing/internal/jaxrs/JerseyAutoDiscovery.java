package io.github.mackereltracing.internal.jaxrs;

import io.github.mackereltracing.internal.span.TelemetryFailures;
import jakarta.annotation.Priority;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Jersey (Payara, GlassFish) reads {@code META-INF/services/jakarta.ws.rs.ext.Providers} for nothing but
 * message body providers and exception mappers, and scans for {@code @Provider} classes only when the
 * application lists none of its own. Its auto-discovery SPI is the one hook every Jersey application and
 * client passes through: it registers the container filter on servers and the client filter on clients.
 * Listed in {@code META-INF/services/org.glassfish.jersey.internal.spi.AutoDiscoverable}, so nothing but
 * Jersey ever loads this class; {@code jersey.config.disableAutoDiscovery} turns it off with the rest.
 */
@Priority(AutoDiscoverable.DEFAULT_PRIORITY)
public final class JerseyAutoDiscovery implements AutoDiscoverable {
  @Override
  public void configure(FeatureContext context) {
    try {
      Configuration configuration = context.getConfiguration();
      Class<?> filter =
          configuration.getRuntimeType() == RuntimeType.CLIENT ? TracingClientFilter.class : TracingContainerFilter.class;
      if (!configuration.isRegistered(filter)) {
        context.register(filter);
      }
    } catch (RuntimeException | LinkageError e) {
      TelemetryFailures.report("registering tracing with Jersey", e);
    }
  }
}
