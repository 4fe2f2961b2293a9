package io.github.mackereltracing.internal.jaxrs;

import io.github.mackereltracing.internal.runtime.ClassVisibility;
import io.github.mackereltracing.internal.span.TelemetryFailures;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Lets the asynchronous JAX-RS client calls a resource makes ({@code request().async()}, {@code rx()}) keep
 * the request's trace on RESTEasy, whose client runs the request filters, and so starts the CLIENT span, on
 * its executor's thread: it adds {@link ResteasyContextPropagation} to the thread contexts RESTEasy captures
 * for the request being served.
 *
 * <p>Registered through {@code META-INF/services/jakarta.ws.rs.ext.Providers}, which only RESTEasy reads. It
 * touches RESTEasy's classes only where they are visible to this library: on WildFly, JBoss EAP and
 * RESTEasy embedded with the application. Open Liberty's RESTEasy hides them from applications, and there
 * this filter does nothing. This replaces RESTEasy's own discovery of {@code ThreadContext}s, a {@code
 * ServiceLoader} through the application's class loader that fails the user's call with {@code
 * NoClassDefFoundError} where the class is listed but its interface hidden (docs/architecture.md).
 *
 * <p>Not final: some containers make providers CDI beans and may subclass them.
 */
@PreMatching
@ConstrainedTo(RuntimeType.SERVER)
// First of all request filters: a filter that calls out asynchronously keeps the trace too.
@Priority(Priorities.AUTHENTICATION - 200)
public class ResteasyThreadContextFilter implements ContainerRequestFilter {
  /** Whether RESTEasy's thread-context SPI and context holder are visible where this library was loaded. */
  private static final boolean RESTEASY_VISIBLE = resteasyVisible();

  @Override
  public void filter(ContainerRequestContext request) {
    if (!RESTEASY_VISIBLE) {
      return;
    }
    try {
      ResteasyContextPropagation.joinCurrentRequest();
    } catch (RuntimeException | LinkageError e) {
      TelemetryFailures.report("carrying the trace into RESTEasy's client executor", e);
    }
  }

  static boolean resteasyVisible() {
    ClassLoader library = ResteasyThreadContextFilter.class.getClassLoader();
    return ClassVisibility.visible("org.jboss.resteasy.spi.concurrent.ThreadContexts", library)
        && ClassVisibility.visible("org.jboss.resteasy.core.ResteasyContext", library);
  }
}
