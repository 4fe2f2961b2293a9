package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Makes a span by hand inside its traced method, as application code does with an injected Tracer. */
@ApplicationScoped
public class Stock {
  @Inject Tracer tracer;

  @Traced
  public void reserve() {
    Span row = tracer.spanBuilder("update stock row").startSpan();
    row.end();
  }
}
