package io.github.mackereltracing.internal.jaxrs;

import io.github.mackereltracing.internal.http.ServerRequestSpan;
import io.opentelemetry.context.Context;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;

/**
 * Hands the exception a JAX-RS resource method throws to the request's SERVER span before the JAX-RS
 * runtime maps it. RESTEasy (WildFly, Open Liberty) answers an exception no application mapper handles with
 * a 500 of its own and shows it to no filter; this is the one place that still sees the application's own
 * exception, type and message. The span uses it only if the response is a 5xx (a mapper's 4xx is no
 * error), and the exception goes on unchanged.
 */
@ResourceExceptions
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 20)
public final class ResourceExceptionInterceptor implements Serializable {
  private static final long serialVersionUID = 1L;

  @AroundInvoke
  Object keepException(InvocationContext invocation) throws Exception {
    try {
      return invocation.proceed();
    } catch (Exception | Error e) {
      try {
        ServerRequestSpan server = ServerRequestSpan.find(Context.current());
        if (server != null) {
          server.resourceFailed(e);
        }
      } catch (RuntimeException | LinkageError ignored) {
        // Telemetry never replaces the application's exception.
      }
      throw e;
    }
  }
}
