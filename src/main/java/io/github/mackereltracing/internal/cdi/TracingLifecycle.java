package io.github.mackereltracing.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Starts the deployment's tracing once CDI is up (SDK providers may then call {@code CDI.current()}), and
 * stops it, flushing spans, before the application's beans go away.
 */
@ApplicationScoped
public class TracingLifecycle {
  @Inject TracingExtension extension;

  void started(@Observes @Initialized(ApplicationScoped.class) Object event) {
    if (extension.tracing() != null) {
      extension.tracing().startNow();
    }
  }

  void stopping(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    if (extension.tracing() != null) {
      io.github.mackereltracing.internal.runtime.Deployments.undeploy(extension.tracing());
    }
  }
}
