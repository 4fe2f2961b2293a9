package io.github.mackereltracing.internal.interceptor;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;

/** OpenTelemetry's @WithSpan, in its forms. */
@ApplicationScoped
public class Notifications {
  @WithSpan
  public void send() {}

  @WithSpan("notify customer")
  public void notifyCustomer() {}

  @WithSpan(kind = SpanKind.CLIENT)
  public void callProvider() {}

  @WithSpan(kind = SpanKind.SERVER)
  public void receiveWebhook() {}

  @WithSpan(kind = SpanKind.PRODUCER)
  public void publish() {}

  @WithSpan(kind = SpanKind.CONSUMER)
  public void consume() {}

  @WithSpan(inheritContext = false)
  public void startOwnTrace() {}

  @WithSpan
  public String currentSpanId() {
    return Span.current().getSpanContext().getSpanId();
  }

  public void notAnnotated() {}
}
