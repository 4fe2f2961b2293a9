package io.github.mackereltracing.internal.jaxrs;

import io.github.mackereltracing.internal.span.TelemetryFailures;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.ext.AsyncInvocationInterceptor;
import org.eclipse.microprofile.rest.client.ext.AsyncInvocationInterceptorFactory;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;

/**
 * MicroProfile Rest Client support, found by every implementation through {@code
 * META-INF/services/org.eclipse.microprofile.rest.client.spi.RestClientListener}: each new client gets the
 * {@link TracingClientFilter}, and its asynchronous methods carry the caller's trace context to the thread
 * that sends the request, so that their CLIENT spans stay in the caller's trace. Loaded only where a
 * MicroProfile Rest Client implementation looks for listeners.
 */
public final class RestClientTracing implements RestClientListener {
  @Override
  public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
    try {
      if (!builder.getConfiguration().isRegistered(TracingClientFilter.class)) {
        builder.register(TracingClientFilter.class);
      }
      if (!builder.getConfiguration().isRegistered(ContextPropagation.class)) {
        builder.register(ContextPropagation.class);
      }
    } catch (RuntimeException | LinkageError e) {
      TelemetryFailures.report("adding tracing to the REST client " + serviceInterface.getName(), e);
    }
  }

  /** Carries the caller's context to the thread of an asynchronous Rest Client call. */
  public static final class ContextPropagation implements AsyncInvocationInterceptorFactory {
    @Override
    public AsyncInvocationInterceptor newInterceptor() {
      return new Interceptor();
    }
  }

  private static final class Interceptor implements AsyncInvocationInterceptor {
    private Context captured;
    private Scope scope;

    @Override
    public void prepareContext() {
      captured = Context.current();
    }

    @Override
    public void applyContext() {
      if (captured != null) {
        scope = captured.makeCurrent();
      }
    }

    @Override
    public void removeContext() {
      Scope s = scope;
      scope = null;
      if (s != null) {
        s.close();
      }
    }
  }
}
