package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;

/** Tells whether its traced method runs inside a span. */
@ApplicationScoped
@Traced
public class SpanProbe {
  public boolean insideASpan() {
    return Span.current().getSpanContext().isValid();
  }
}
