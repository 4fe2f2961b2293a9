package io.github.mackereltracing.internal.cdi;

import io.github.mackereltracing.internal.jms.Messaging;
import io.github.mackereltracing.internal.logging.TraceIdsInLogs;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.github.mackereltracing.internal.runtime.ServerMpTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import jakarta.annotation.Nullable;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionTarget;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessInjectionTarget;
import jakarta.enterprise.inject.spi.ProcessProducer;
import jakarta.interceptor.Interceptor;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The CDI side of a deployment: claims the deployment's tracing, makes {@link OpenTelemetry}, {@link
 * Tracer}, {@link Span} and {@link Baggage} injectable (unless the server already provides them), notes a
 * server's own MicroProfile Telemetry beans (see {@link ServerMpTelemetry}), and shuts tracing down with the
 * container. The library jar may not be scanned, so every bean is added here.
 */
public class TracingExtension implements Extension {
  private static final Logger LOG = Logger.getLogger(TracingExtension.class.getName());
  private static final Class<?>[] PROVIDED = {OpenTelemetry.class, Tracer.class, Span.class, Baggage.class};

  private DeploymentTracing tracing;
  /** Whether the deployment sees Jakarta Messaging, whose injected objects are then traced too. */
  private boolean messaging;
  // Weld may fire ProcessBean events from several threads (concurrent deployment).
  private final Set<Type> providedElsewhere = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** The deployment this container serves; null before discovery. */
  public DeploymentTracing tracing() {
    return tracing;
  }

  /**
   * The deployment's extension, for an interceptor that a container restored from a passivated bean (its
   * injected fields are transient); null when CDI cannot say, and the restored instance then runs untraced.
   */
  public static @Nullable TracingExtension ofCurrentDeployment() {
    try {
      return CDI.current().getBeanManager().getExtension(TracingExtension.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  void beforeBeanDiscovery(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
    TraceIdsInLogs.install(); // before anything can make a context current
    tracing = Deployments.getOrCreate(Thread.currentThread().getContextClassLoader());
    tracing.attachCdi();
    messaging = Messaging.visibleTo(Thread.currentThread().getContextClassLoader());
    event.addAnnotatedType(beanManager.createAnnotatedType(TracingLifecycle.class), TracingLifecycle.class.getName());
  }

  void processBean(@Observes ProcessBean<?> event) {
    if (ServerMpTelemetry.isServerBean(event.getBean().getTypes(), event.getBean().getBeanClass())) {
      tracing.serverTelemetryBean(event.getBean().getBeanClass().getName());
    }
    // Only a @Default bean serves a plain @Inject Tracer: an application's qualified one
    // (@Produces @Audit Tracer) must not make ours step aside and leave @Inject Tracer unsatisfied.
    if (!event.getBean().getQualifiers().contains(Default.Literal.INSTANCE)) {
      return;
    }
    for (Class<?> type : PROVIDED) {
      if (event.getBean().getTypes().contains(type)) {
        providedElsewhere.add(type);
      }
    }
  }

  /**
   * Every DataSource a producer method or field declares (exactly {@code DataSource}: a producer of a
   * vendor class keeps its type) is handed out traced.
   */
  void traceDataSources(@Observes ProcessProducer<?, DataSource> event) {
    if (event.getAnnotatedMember().getBaseType() == DataSource.class) {
      event.setProducer(new TracingDataSourceProducer(event.getProducer(), tracing));
    }
  }

  /**
   * {@code @Resource DataSource} and {@code ManagedScheduledExecutorService} fields of every class the
   * container injects are traced too, and so are its {@code JMSContext} and connection factory fields (see
   * {@link InjectedFields}).
   */
  <T> void traceInjectedFields(@Observes ProcessInjectionTarget<T> event) {
    try {
      InjectionTarget<T> original = event.getInjectionTarget();
      InjectionTarget<T> traced = InjectedFields.wrap(original, event.getAnnotatedType(), tracing, messaging);
      if (traced != original) {
        event.setInjectionTarget(traced);
      }
    } catch (RuntimeException | LinkageError e) {
      // A class we cannot inspect keeps the container's injection: it works, untraced.
    }
  }

  void afterBeanDiscovery(@Observes AfterBeanDiscovery event) {
    DeploymentTracing deployment = tracing;
    addUnlessProvided(event, OpenTelemetry.class, () -> deployment.openTelemetry());
    addUnlessProvided(event, Tracer.class, () -> deployment.tracer());
    addUnlessProvided(event, Span.class, () -> CurrentSpan.INSTANCE);
    addUnlessProvided(event, Baggage.class, () -> CurrentBaggage.INSTANCE);
  }

  private <T> void addUnlessProvided(AfterBeanDiscovery event, Class<T> type, java.util.function.Supplier<T> create) {
    if (providedElsewhere.contains(type)) {
      // Another bean (the server's own MicroProfile Telemetry, or the application's producer) serves this
      // type; a second one would make every injection point ambiguous and fail the deployment.
      LOG.info("Mackerel tracing: a " + type.getSimpleName() + " bean is already provided; using it");
      return;
    }
    event.<T>addBean()
        .types(type, Object.class)
        .scope(Dependent.class)
        .beanClass(TracingExtension.class)
        .createWith(context -> create.get());
  }

  /** First of all validation observers: a server's own telemetry extension may fail the deployment in its own. */
  void afterDeploymentValidation(
      @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) AfterDeploymentValidation event) {
    if (tracing != null) {
      tracing.decideEarlyIfServerWillFail();
    }
  }

  void beforeShutdown(@Observes BeforeShutdown event) {
    if (tracing != null) {
      Deployments.undeploy(tracing);
    }
  }
}
