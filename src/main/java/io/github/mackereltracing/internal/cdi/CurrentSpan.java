package io.github.mackereltracing.internal.cdi;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;

/**
 * The injectable {@link Span}: whichever span is current when a method is called on it. It is never itself
 * stored in a context (every method of a stored one would read itself back, for ever): {@code makeCurrent()}
 * and {@code Context.with(span)} store the span it stands for. Every method of {@code Span} that is not a
 * plain default over the others is passed on, so none falls back to the interface's no-op.
 */
final class CurrentSpan implements Span {
  static final CurrentSpan INSTANCE = new CurrentSpan();

  private CurrentSpan() {}

  @Override
  public <T> Span setAttribute(AttributeKey<T> key, T value) {
    return Span.current().setAttribute(key, value);
  }

  @Override
  public Span addEvent(String name, Attributes attributes) {
    return Span.current().addEvent(name, attributes);
  }

  @Override
  public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
    return Span.current().addEvent(name, attributes, timestamp, unit);
  }

  @Override
  public Span setStatus(StatusCode statusCode, String description) {
    return Span.current().setStatus(statusCode, description);
  }

  @Override
  public Span recordException(Throwable exception, Attributes additionalAttributes) {
    return Span.current().recordException(exception, additionalAttributes);
  }

  @Override
  public Span addLink(SpanContext spanContext, Attributes attributes) {
    return Span.current().addLink(spanContext, attributes);
  }

  @Override
  public Span updateName(String name) {
    return Span.current().updateName(name);
  }

  @Override
  public void end() {
    Span.current().end();
  }

  @Override
  public void end(long timestamp, TimeUnit unit) {
    Span.current().end(timestamp, unit);
  }

  @Override
  public SpanContext getSpanContext() {
    return Span.current().getSpanContext();
  }

  @Override
  public boolean isRecording() {
    return Span.current().isRecording();
  }

  /** Also what {@code makeCurrent()} and {@code Context.with(span)} call. */
  @Override
  public Context storeInContext(Context context) {
    return Span.current().storeInContext(context);
  }

  @Override
  public String toString() {
    return "CurrentSpan{" + Span.current() + "}";
  }
}
