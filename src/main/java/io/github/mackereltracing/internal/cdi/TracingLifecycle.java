package io.github.mackereltracing.internal.cdi;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import io.github.mackereltracing.internal.jpa.EclipseLinkSessions;
import io.github.mackereltracing.internal.runtime.ClassVisibility;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.github.mackereltracing.internal.servlet.TracingInitializer;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * Starts the deployment's tracing once CDI is up (SDK providers may then call {@code CDI.current()}), and
 * stops it, flushing spans, before the application's beans go away.
 *
 * <p>The start observer has the platform's earliest priority: an application's own start-up observer that
 * uses a {@code Tracer} or a traced DataSource builds the SDK on first use, and must find the deployment's
 * name and servlet context parameters (which this observer takes from the event) already known, or the SDK
 * is built without them.
 */
@ApplicationScoped
public class TracingLifecycle {
  @Inject TracingExtension extension;

  void started(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
      Object event) {
    DeploymentTracing tracing = extension.tracing();
    if (tracing == null) {
      return;
    }
    // In a web module servers such as WildFly fire the event with the ServletContext, before our
    // ServletContainerInitializer runs: take the deployment's name and context parameters from it now.
    if (!tracing.servletContextAttached()) {
      try {
        TracingInitializer.attachIfServletContext(tracing, event);
      } catch (LinkageError noServletApi) {
        // A CDI application without servlets: nothing to learn from the event.
      }
    }
    tracing.cdiStarted();
    // Payara boots CDI before the web module starts and fires the event with a plain Object: building now
    // would name the service after no one and ignore web.xml. The SDK is then built when the servlet
    // context starts (TracingInitializer), or on first use if that comes sooner or never (an EJB jar).
    if (tracing.servletContextAttached() || !servletApiVisible(tracing.classLoader())) {
      tracing.startNow();
    }
  }

  private static boolean servletApiVisible(ClassLoader loader) {
    return ClassVisibility.visible("jakarta.servlet.ServletContext", loader);
  }

  /**
   * Traces the EclipseLink persistence units the container has created for this deployment by the end of
   * start-up: after the application's own start-up observers, since a server that creates a unit's factory on
   * first use (Open Liberty) has created it only once something used it. Where the deployment declares units
   * for EclipseLink, the look is repeated after requests for the deployment's life (at most once a second).
   */
  void persistenceUnitsStarted(
      @Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) @Initialized(ApplicationScoped.class) Object event) {
    DeploymentTracing tracing = extension.tracing();
    if (tracing == null) {
      return;
    }
    try {
      ClassLoader loader = tracing.classLoader();
      if (EclipseLinkSessions.traceUnitsOf(loader) && !EclipseLinkSessions.declaredUnits(loader).isEmpty()) {
        // Open Liberty makes a unit's session on its first use, typically in a request (a new one even when it
        // logged one in while deploying): keep looking after requests, at most once a second.
        tracing.pendingSetup().retry(() -> !EclipseLinkSessions.traceUnitsOf(loader));
      }
    } catch (LinkageError e) {
      // never fails the deployment; EclipseLinkSessions reports its own failures
    }
  }

  void stopping(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    if (extension.tracing() != null) {
      Deployments.undeploy(extension.tracing());
    }
  }
}
