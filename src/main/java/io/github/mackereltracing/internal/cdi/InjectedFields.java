package io.github.mackereltracing.internal.cdi;

import io.github.mackereltracing.internal.concurrent.TracingScheduledExecutor;
import io.github.mackereltracing.internal.jdbc.TracingDataSource;
import io.github.mackereltracing.internal.jms.Messaging;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import jakarta.annotation.Nullable;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.AnnotatedField;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.InjectionTarget;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Traces the resources the container injects into the fields of a class (servlets, filters, listeners,
 * EJBs, message-driven beans, JAX-RS resources, CDI beans): after the container's own injection, each such
 * field is set to the library's wrapper around what the container put there. CDI lets an extension wrap the
 * injection target of every such class ({@code ProcessInjectionTarget}); there is no portable way to
 * intercept resource injection itself. The fields traced ({@link Kind}): {@code @Resource DataSource} (its
 * statements), {@code @Resource ManagedScheduledExecutorService} (the runs of its periodic tasks), and where
 * the deployment sees Jakarta Messaging, {@code @Resource} or {@code @Inject} {@code JMSContext} and
 * connection factories. Producer fields are left to {@link TracingDataSourceProducer}.
 */
final class InjectedFields<T> implements InjectionTarget<T> {
  private static final Logger LOG = Logger.getLogger(InjectedFields.class.getName());
  /** By name: Jakarta Concurrency is absent where Weld runs on a plain servlet container. */
  private static final String SCHEDULED_EXECUTOR = "jakarta.enterprise.concurrent.ManagedScheduledExecutorService";
  private final InjectionTarget<T> delegate;
  private final List<Field> fields;
  private final List<Kind> kinds;
  private final DeploymentTracing deployment;

  /** What a field holds that the library traces, and how. */
  enum Kind {
    DATA_SOURCE {
      @Override
      boolean wanted(DeploymentTracing deployment) {
        return TracingDataSourceProducer.wanted(deployment);
      }

      @Override
      Object wrap(Object injected, DeploymentTracing deployment) {
        return injected instanceof DataSource ? TracingDataSource.wrap((DataSource) injected, true) : injected;
      }
    },
    /** Its periodic runs become root spans ({@link TracingScheduledExecutor}). */
    SCHEDULED_EXECUTOR {
      @Override
      Object wrap(Object injected, DeploymentTracing deployment) {
        return TracingScheduledExecutor.wrapObject(injected, deployment);
      }
    },
    /** Only asked about where the deployment sees the API: {@link Messaging} loads it. */
    MESSAGING {
      @Override
      Object wrap(Object injected, DeploymentTracing deployment) {
        return Messaging.wrap(injected, deployment);
      }
    };

    /** Whether the deployment wants such fields traced; every kind but DataSources always does. */
    boolean wanted(DeploymentTracing deployment) {
      return true;
    }

    abstract Object wrap(Object injected, DeploymentTracing deployment);

    /** The kind of {@code field}, or null when the library leaves it alone. */
    @Nullable
    static Kind of(AnnotatedField<?> field, boolean messaging) {
      if (field.isStatic() || field.isAnnotationPresent(Produces.class)) {
        return null;
      }
      Class<?> type = field.getJavaMember().getType();
      boolean resource = field.isAnnotationPresent(Resource.class);
      if (type == DataSource.class && resource) {
        return DATA_SOURCE;
      }
      if (resource && type.getName().equals(InjectedFields.SCHEDULED_EXECUTOR)) {
        return SCHEDULED_EXECUTOR;
      }
      if (messaging && (resource || field.isAnnotationPresent(Inject.class)) && Messaging.traces(type)) {
        return MESSAGING;
      }
      return null;
    }
  }

  private InjectedFields(InjectionTarget<T> delegate, List<Field> fields, List<Kind> kinds, DeploymentTracing deployment) {
    this.delegate = delegate;
    this.fields = fields;
    this.kinds = kinds;
    this.deployment = deployment;
  }

  /**
   * {@code target} itself when {@code type} has no field the library traces, else the wrapper; {@code
   * messaging}: whether the deployment sees Jakarta Messaging.
   */
  static <T> InjectionTarget<T> wrap(
      InjectionTarget<T> target, AnnotatedType<T> type, DeploymentTracing deployment, boolean messaging) {
    List<Field> fields = new ArrayList<>(1);
    List<Kind> kinds = new ArrayList<>(1);
    for (AnnotatedField<? super T> field : type.getFields()) {
      Kind kind = Kind.of(field, messaging);
      if (kind != null) {
        fields.add(field.getJavaMember());
        kinds.add(kind);
      }
    }
    if (fields.isEmpty()) {
      return target;
    }
    for (Field field : fields) {
      field.setAccessible(true);
    }
    return new InjectedFields<>(target, List.copyOf(fields), List.copyOf(kinds), deployment);
  }

  @Override
  public void inject(T instance, CreationalContext<T> context) {
    delegate.inject(instance, context);
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      Kind kind = kinds.get(i);
      try {
        Object injected = field.get(instance);
        if (injected != null && kind.wanted(deployment)) {
          field.set(instance, kind.wrap(injected, deployment));
        }
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        // The field keeps what the container injected: the application works, untraced.
        LOG.log(Level.WARNING, "Mackerel tracing: could not trace the resource in " + field, e);
      }
    }
  }

  @Override
  public void postConstruct(T instance) {
    delegate.postConstruct(instance);
  }

  @Override
  public void preDestroy(T instance) {
    delegate.preDestroy(instance);
  }

  @Override
  public T produce(CreationalContext<T> context) {
    return delegate.produce(context);
  }

  @Override
  public void dispose(T instance) {
    delegate.dispose(instance);
  }

  @Override
  public Set<InjectionPoint> getInjectionPoints() {
    return delegate.getInjectionPoints();
  }
}
