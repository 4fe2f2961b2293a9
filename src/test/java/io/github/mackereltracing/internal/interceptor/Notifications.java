package io.github.mackereltracing.internal.interceptor;

import io.opentelemetry.api.baggage.Baggage;
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

  /** The span current inside and the caller's baggage entry {@code k}, seen from a method in its own trace. */
  @WithSpan(inheritContext = false)
  public String[] seenInOwnTrace() {
    return new String[] {Span.current().getSpanContext().getSpanId(), Baggage.current().getEntryValue("k")};
  }

  /** The same, from a method whose span is a child of the caller's. */
  @WithSpan
  public String[] seenAsChild() {
    return new String[] {Span.current().getSpanContext().getSpanId(), Baggage.current().getEntryValue("k")};
  }

  public void notAnnotated() {}
}
