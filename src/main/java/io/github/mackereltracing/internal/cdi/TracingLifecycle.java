package io.github.mackereltracing.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import io.github.mackereltracing.internal.jpa.EclipseLinkSessions;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.servlet.TracingInitializer;
import jakarta.inject.Inject;

/**
 * Starts the deployment's tracing once CDI is up (SDK providers may then call {@code CDI.current()}), and
 * stops it, flushing spans, before the application's beans go away.
 */
@ApplicationScoped
public class TracingLifecycle {
  @Inject TracingExtension extension;

  void started(@Observes @Initialized(ApplicationScoped.class) Object event) {
    DeploymentTracing tracing = extension.tracing();
    if (tracing == null) {
      return;
    }
    // In a web module the event carries the ServletContext. Servers such as WildFly and Payara fire it
    // before our ServletContainerInitializer runs: take the deployment's name and server from it now,
    // so that service.name is the WAR's name rather than a class loader's.
    if (!tracing.servletContextAttached()) {
      try {
        TracingInitializer.attachIfServletContext(tracing, event);
      } catch (LinkageError noServletApi) {
        // A CDI application without servlets: nothing to learn from the event.
      }
    }
    tracing.startNow();
    // The persistence units the container has created for this deployment by now: trace their statements.
    try {
      EclipseLinkSessions.traceUnitsOf(tracing.classLoader());
    } catch (LinkageError e) {
      // never fails the deployment; EclipseLinkSessions reports its own failures
    }
  }

  void stopping(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    if (extension.tracing() != null) {
      io.github.mackereltracing.internal.runtime.Deployments.undeploy(extension.tracing());
    }
  }
}
