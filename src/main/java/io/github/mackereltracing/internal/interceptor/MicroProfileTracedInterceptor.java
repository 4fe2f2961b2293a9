package io.github.mackereltracing.internal.interceptor;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.opentracing.Traced;

/**
 * Spans for MicroProfile OpenTracing's {@link Traced}, so an application written for it is traced
 * unchanged. Registered only when the deployment has that API.
 */
@Traced
@Interceptor
@Priority(SpanInterceptor.PRIORITY)
public final class MicroProfileTracedInterceptor extends SpanInterceptor {
  private static final long serialVersionUID = 1L;
}
