package io.github.mackereltracing.internal.jaxrs;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayDeque;
import org.jboss.resteasy.core.ResteasyContext;
import org.jboss.resteasy.spi.concurrent.ThreadContext;
import org.jboss.resteasy.spi.concurrent.ThreadContexts;

/**
 * Carries the caller's trace context into the threads of RESTEasy's client executor, so that the CLIENT
 * span of an asynchronous JAX-RS call ({@code target.request().async().get()}, {@code rx()}) is a child of
 * the span that made the call and the called service continues its trace. JAX-RS has no standard hook for
 * this: the request filters of an async call run on the executor's thread, where nothing is current.
 * RESTEasy captures, when a task is submitted, every {@code ThreadContext} of the {@code ThreadContexts} in
 * its request context, and pushes it on the worker.
 *
 * <p>Added to each RESTEasy request by {@link ResteasyThreadContextFilter}, never listed in {@code
 * META-INF/services/org.jboss.resteasy.spi.concurrent.ThreadContext}: RESTEasy reads that file through the
 * application's class loader, which on Open Liberty cannot load this class (its interface is hidden), and
 * the user's call then fails. Only loaded where RESTEasy's classes are visible to the library.
 */
public final class ResteasyContextPropagation implements ThreadContext<Context> {
  private static final ResteasyContextPropagation INSTANCE = new ResteasyContextPropagation();

  /** The scopes opened on this thread, innermost last; removed when empty so no thread keeps one. */
  private static final ThreadLocal<ArrayDeque<Scope>> SCOPES = new ThreadLocal<>();

  /**
   * Makes this propagation part of the thread contexts of the RESTEasy request being served on this thread.
   * One set, built once per deployment (RESTEasy's own contexts, found as RESTEasy finds them, and this one),
   * is shared by the requests that have none of their own.
   */
  static void joinCurrentRequest() {
    ThreadContexts current = ResteasyContext.getContextData(ThreadContexts.class);
    if (current == null) {
      ResteasyContext.pushContext(ThreadContexts.class, SharedThreadContexts.INSTANCE);
    } else {
      current.add(INSTANCE);
    }
  }

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

  /**
   * The shared set. Built lazily, on a request thread (so that RESTEasy's {@code ServiceLoader} sees the
   * application's class loader, as it would itself). RESTEasy adds a {@code ThreadContext} the application
   * registers as a provider to the set of the current request: that request then gets a set of its own, so
   * that the addition stays with it, as it would without this library.
   */
  private static final class SharedThreadContexts extends ThreadContexts {
    static final SharedThreadContexts INSTANCE = new SharedThreadContexts();

    private SharedThreadContexts() {
      super.add(ResteasyContextPropagation.INSTANCE);
    }

    @Override
    public ThreadContexts add(ThreadContext<?> threadContext) {
      if (threadContext == ResteasyContextPropagation.INSTANCE) {
        return this;
      }
      ThreadContexts own = new ThreadContexts().add(ResteasyContextPropagation.INSTANCE).add(threadContext);
      ResteasyContext.pushContext(ThreadContexts.class, own);
      return own;
    }

    @Override
    public ThreadContexts clear() {
      ThreadContexts own = new ThreadContexts().clear();
      ResteasyContext.pushContext(ThreadContexts.class, own);
      return own;
    }
  }
}
