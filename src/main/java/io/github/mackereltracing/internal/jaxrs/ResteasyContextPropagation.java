package io.github.mackereltracing.internal.jaxrs;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayDeque;
import org.jboss.resteasy.spi.concurrent.ThreadContext;

/**
 * Carries the caller's trace context into the threads of RESTEasy's client executor, so that the CLIENT
 * span of an asynchronous JAX-RS call ({@code target.request().async().get()}, {@code rx()}) is a child of
 * the span that made the call and the called service continues its trace. JAX-RS has no standard hook for
 * this: the request filters of an async call run on the executor's thread, where nothing is current.
 * RESTEasy (WildFly, JBoss EAP, Open Liberty's RESTEasy) captures every {@code ThreadContext} listed in
 * {@code META-INF/services/org.jboss.resteasy.spi.concurrent.ThreadContext} when a task is submitted and
 * pushes it on the worker; elsewhere the file is never read and this class never loaded.
 */
public final class ResteasyContextPropagation implements ThreadContext<Context> {
  /** The scopes opened on this thread, innermost last; removed when empty so no thread keeps one. */
  private static final ThreadLocal<ArrayDeque<Scope>> SCOPES = new ThreadLocal<>();

  @Override
  public Context capture() {
    return Context.current();
  }

  @Override
  public void push(Context context) {
    ArrayDeque<Scope> scopes = SCOPES.get();
    if (scopes == null) {
      scopes = new ArrayDeque<>(2);
      SCOPES.set(scopes);
    }
    scopes.addLast(context.makeCurrent());
  }

  @Override
  public void reset(Context context) {
    ArrayDeque<Scope> scopes = SCOPES.get();
    if (scopes == null) {
      return;
    }
    Scope scope = scopes.pollLast();
    if (scopes.isEmpty()) {
      SCOPES.remove();
    }
    if (scope != null) {
      scope.close();
    }
  }
}
