package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;

/** Spans for {@link Traced} methods and classes. */
@Traced
@Interceptor
@Priority(SpanInterceptor.PRIORITY)
public final class TracedInterceptor extends SpanInterceptor {
  private static final long serialVersionUID = 1L;
}
