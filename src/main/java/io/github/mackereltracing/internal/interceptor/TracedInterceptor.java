package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import io.github.mackereltracing.internal.cdi.TracingExtension;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Intercepted;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/** Spans for {@link Traced} methods and classes. */
@Traced
@Interceptor
@Priority(SpanInterceptor.PRIORITY)
public final class TracedInterceptor extends SpanInterceptor {
  private static final long serialVersionUID = 1L;

  @Inject
  TracedInterceptor(SpanAnnotationsExtension annotations, TracingExtension tracing, @Intercepted Bean<?> bean) {
    super(Binding.TRACED, annotations, tracing, bean);
  }
}
