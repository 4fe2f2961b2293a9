package io.github.mackereltracing.benchmarks.traced;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** (b) The cost of being intercepted at all: an interceptor that only proceeds. */
@Empty
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 10)
public class EmptyInterceptor {
  @AroundInvoke
  Object proceed(InvocationContext invocation) throws Exception {
    return invocation.proceed();
  }
}
