package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.internal.concurrent.ScheduledRuns;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Telemetry;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.annotation.Nullable;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundTimeout;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
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
public final class TimeoutInterceptor implements Serializable {
  private static final long serialVersionUID = 1L;
  // Serializable, like the annotation interceptors: Payara's EJB container otherwise generates a serializable
  // subclass of an interceptor class, which a final class refuses (the deployment fails).
  @Nullable private transient DeploymentTracing tracing;
  // One entry per timeout method of the bean; released with the bean instance.
  private transient Map<Method, MethodTrace> traces = new ConcurrentHashMap<>(2);

  @Inject
  TimeoutInterceptor(TracingExtension tracingExtension) {
    this.tracing = tracingExtension.tracing();
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    traces = new ConcurrentHashMap<>(2);
    TracingExtension extension = TracingExtension.ofCurrentDeployment();
    tracing = extension == null ? null : extension.tracing();
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
