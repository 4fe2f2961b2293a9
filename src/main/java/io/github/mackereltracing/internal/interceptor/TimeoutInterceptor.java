package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.internal.concurrent.ScheduledRuns;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Telemetry;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundTimeout;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each call of an EJB timer callback ({@code @Schedule}, {@code TimerService} with {@code @Timeout}) is the
 * root INTERNAL span of a trace of its own, named {@code Class.method} like a {@code @Traced} method, with
 * the SQL it runs below. An {@code @AroundTimeout} method is what the Interceptors specification calls for
 * timeout methods; the container runs no {@code @AroundInvoke} for them, so a {@code @Traced} class never
 * doubles the span. Off with {@code mackerel.timer-spans=false}.
 */
@TimeoutSpan
@Interceptor
@Priority(SpanInterceptor.PRIORITY)
public final class TimeoutInterceptor {
  private final DeploymentTracing tracing;
  // One entry per timeout method of the bean; released with the bean instance.
  private final Map<Method, MethodTrace> traces = new ConcurrentHashMap<>(2);

  @Inject
  TimeoutInterceptor(TracingExtension tracingExtension) {
    this.tracing = tracingExtension.tracing();
  }

  @AroundTimeout
  Object timeout(InvocationContext invocation) throws Exception {
    Telemetry telemetry = tracing == null ? null : tracing.active();
    if (telemetry == null || !telemetry.feature(ScheduledRuns.FEATURE)) {
      return invocation.proceed();
    }
    Method method = invocation.getMethod();
    MethodTrace trace = traces.computeIfAbsent(
        method, m -> MethodTrace.of(Binding.TIMEOUT, m, "", SpanKind.INTERNAL, false, null));
    return SpanInvocation.proceed(telemetry.tracer(), telemetry.sampling(), trace, invocation);
  }
}
