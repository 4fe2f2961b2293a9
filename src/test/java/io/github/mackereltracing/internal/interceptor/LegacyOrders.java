package io.github.mackereltracing.internal.interceptor;

import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.opentracing.Traced;

/** Written for MicroProfile OpenTracing, unchanged. */
@ApplicationScoped
@Traced(operationName = "legacy orders")
public class LegacyOrders {
  public void list() {}

  @Traced(false)
  public void health() {}

  @Traced(operationName = "find order")
  public void find(@SpanAttribute("order.id") String id) {}
}
