package io.github.mackereltracing.internal.interceptor;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.util.Nonbinding;

/** Registers @WithSpan and an interceptor for it, as a server's MicroProfile Telemetry does. */
public class OtherTelemetryExtension implements Extension {
  void register(@Observes BeforeBeanDiscovery event) {
    event.configureInterceptorBinding(WithSpan.class).methods().forEach(m -> m.add(Nonbinding.Literal.INSTANCE));
    event.addAnnotatedType(OtherWithSpanInterceptor.class, OtherWithSpanInterceptor.class.getName())
        .add(WithSpanLiteral.INSTANCE);
  }
}
