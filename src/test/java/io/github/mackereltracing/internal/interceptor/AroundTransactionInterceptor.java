package io.github.mackereltracing.internal.interceptor;

import io.opentelemetry.api.trace.Span;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * At the priority of Jakarta Transactions' {@code @Transactional} interceptor: records the span current when
 * it runs, and fails the call after the method succeeded, as a failed commit does.
 */
@AroundTransaction
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 200)
public class AroundTransactionInterceptor {
  static volatile String spanIdSeen;
  static volatile RuntimeException commitFailure;

  @AroundInvoke
  Object around(InvocationContext invocation) throws Exception {
    spanIdSeen = Span.current().getSpanContext().getSpanId();
    Object result = invocation.proceed();
    RuntimeException failure = commitFailure;
    if (failure != null) {
      throw failure;
    }
    return result;
  }
}
