package io.github.mackereltracing.docs;

import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;

/** README "Custom instrumentation": the Python guide's {@code start_as_current_span("awesome_action")}. */
@ApplicationScoped
public class Orders {
  @WithSpan("awesome_action")                         // io.opentelemetry.instrumentation.annotations
  public Order load(@SpanAttribute("id") String id) {
    return new Order(id);
  }
}
