package io.github.mackereltracing.internal.interceptor;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;

/**
 * Spans for OpenTelemetry's {@link WithSpan} methods. {@code @WithSpan} cannot sit on a class, so the
 * extension adds it to this interceptor's annotated type.
 */
@Interceptor
@Priority(SpanInterceptor.PRIORITY)
public final class WithSpanInterceptor extends SpanInterceptor {
  private static final long serialVersionUID = 1L;
}
