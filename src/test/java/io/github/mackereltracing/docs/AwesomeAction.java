package io.github.mackereltracing.docs;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** README "Custom instrumentation": a span from the injected Tracer, as the Python guide writes it. */
@ApplicationScoped
public class AwesomeAction {
  @Inject Tracer tracer;   // io.opentelemetry.api.trace.Tracer

  public void awesomeAction(long id) {
    Span span = tracer.spanBuilder("awesome_action").startSpan();
    try (Scope scope = span.makeCurrent()) {
      span.setAttribute("id", id);
      // ... existing code
    } finally {
      span.end();
    }
  }
}
