package io.github.mackereltracing.internal.interceptor;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands for a server's own MicroProfile Telemetry @WithSpan interceptor; counts its calls. */
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class OtherWithSpanInterceptor {
  static final AtomicInteger CALLS = new AtomicInteger();

  @AroundInvoke
  Object around(InvocationContext invocation) throws Exception {
    CALLS.incrementAndGet();
    return invocation.proceed();
  }
}
