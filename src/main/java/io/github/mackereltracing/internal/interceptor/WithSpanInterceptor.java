package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Intercepted;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * Spans for OpenTelemetry's {@link WithSpan} methods. {@code @WithSpan} cannot sit on a class, so the
 * extension adds it to this interceptor's annotated type.
 */
@Interceptor
@Priority(SpanInterceptor.PRIORITY)
public final class WithSpanInterceptor extends SpanInterceptor {
  private static final long serialVersionUID = 1L;

  @Inject
  WithSpanInterceptor(SpanAnnotationsExtension annotations, TracingExtension tracing, @Intercepted Bean<?> bean) {
    super(Binding.WITH_SPAN, annotations, tracing, bean);
  }
}
