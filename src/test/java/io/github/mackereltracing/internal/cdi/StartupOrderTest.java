package io.github.mackereltracing.internal.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application's own start-up observer that uses a Tracer (or a traced DataSource) builds the SDK on first
 * use. In a web module the servers fire CDI's start event with the ServletContext, from which the library
 * learns the deployment's name and context parameters; its observer must therefore be notified before the
 * application's, or the SDK is built without them (service.name from a class loader, settings ignored).
 */
@ExtendWith(WeldJunit5Extension.class)
class StartupOrderTest {
  @WeldSetup
  WeldInitiator weld = WeldInitiator.from(
      WeldInitiator.createWeld().beanClasses(ApplicationStartup.class).addExtension(new TracingExtension())).build();

  @ApplicationScoped
  static class ApplicationStartup {
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {}
  }

  @Inject BeanManager beanManager;

  @Test
  void theLibrarysStartObserverIsNotifiedBeforeTheApplications() {
    List<Class<?>> order = beanManager
        .resolveObserverMethods(new Object(), Initialized.Literal.APPLICATION).stream()
        .map(ObserverMethod::getBeanClass)
        .filter(c -> c == TracingLifecycle.class || c == ApplicationStartup.class)
        // TracingLifecycle also observes the end of start-up (EclipseLink's units), after the application.
        .distinct()
        .collect(Collectors.toList());
    assertThat(order).containsExactly(TracingLifecycle.class, ApplicationStartup.class);
  }
}
