package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Intercepted;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
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

  @Inject
  MicroProfileTracedInterceptor(
      SpanAnnotationsExtension annotations, TracingExtension tracing, @Intercepted Bean<?> bean) {
    super(Binding.MICROPROFILE_TRACED, annotations, tracing, bean);
  }
}
