package io.github.mackereltracing.internal.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server's own MicroProfile Telemetry (or the application) already provides OpenTelemetry: the extension
 * steps aside instead of making the injection point ambiguous and failing the deployment.
 */
@ExtendWith(WeldJunit5Extension.class)
class ProvidedElsewhereTest {
  static final OpenTelemetry THEIRS = OpenTelemetry.propagating(io.opentelemetry.context.propagation.ContextPropagators.noop());

  @WeldSetup
  WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld().beanClasses(TheirProducer.class, Client.class).addExtension(new TracingExtension())).build();

  @ApplicationScoped
  static class TheirProducer {
    @Produces
    OpenTelemetry openTelemetry() {
      return THEIRS;
    }
  }

  @ApplicationScoped
  static class Client {
    @Inject OpenTelemetry openTelemetry;
    @Inject Tracer tracer;

    OpenTelemetry openTelemetry() { return openTelemetry; }
    Tracer tracer() { return tracer; }
  }

  @Inject Client client;

  @Test
  void theirOpenTelemetryIsInjectedAndOursStillFillsTheGaps() {
    assertThat(client.openTelemetry()).isSameAs(THEIRS);
    assertThat(client.tracer()).isNotNull();
  }
}
