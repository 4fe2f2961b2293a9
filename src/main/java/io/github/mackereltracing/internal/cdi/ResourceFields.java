package io.github.mackereltracing.internal.cdi;

import io.github.mackereltracing.internal.concurrent.TracingScheduledExecutor;
import io.github.mackereltracing.internal.jdbc.TracingDataSource;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.AnnotatedField;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.InjectionTarget;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Traces the {@code @Resource} fields of a class the container injects (servlets, filters, listeners, EJBs,
 * JAX-RS resources, CDI beans) whose type is exactly {@code DataSource} (its statements) or {@code
 * ManagedScheduledExecutorService} (the runs of its periodic tasks): after the container's own injection,
 * each such field is set to the library's wrapper around what the container put there. CDI lets an extension
 * wrap the injection target of every such class ({@code ProcessInjectionTarget}); there is no portable way
 * to intercept resource injection itself. Producer fields are left to {@link TracingDataSourceProducer}.
 */
final class ResourceFields<T> implements InjectionTarget<T> {
  private static final Logger LOG = Logger.getLogger(ResourceFields.class.getName());
  /** By name: Jakarta Concurrency is absent where Weld runs on a plain servlet container. */
  private static final String SCHEDULED_EXECUTOR = "jakarta.enterprise.concurrent.ManagedScheduledExecutorService";
  private final InjectionTarget<T> delegate;
  private final List<Field> dataSources;
  private final List<Field> scheduledExecutors;
  private final DeploymentTracing deployment;

  private ResourceFields(
      InjectionTarget<T> delegate, List<Field> dataSources, List<Field> scheduledExecutors, DeploymentTracing deployment) {
    this.delegate = delegate;
    this.dataSources = dataSources;
    this.scheduledExecutors = scheduledExecutors;
    this.deployment = deployment;
  }

  /** {@code target} itself when {@code type} has no such {@code @Resource} field, else the wrapper. */
  static <T> InjectionTarget<T> wrap(InjectionTarget<T> target, AnnotatedType<T> type, DeploymentTracing deployment) {
    List<Field> dataSources = new ArrayList<>(1);
    List<Field> scheduledExecutors = new ArrayList<>(1);
    for (AnnotatedField<? super T> field : type.getFields()) {
      Field member = field.getJavaMember();
      if (!field.isAnnotationPresent(Resource.class) || field.isAnnotationPresent(Produces.class) || field.isStatic()) {
        continue;
      }
      if (member.getType() == DataSource.class) {
        dataSources.add(member);
      } else if (member.getType().getName().equals(SCHEDULED_EXECUTOR)) {
        scheduledExecutors.add(member);
      }
    }
    if (dataSources.isEmpty() && scheduledExecutors.isEmpty()) {
      return target;
    }
    dataSources.forEach(field -> field.setAccessible(true));
    scheduledExecutors.forEach(field -> field.setAccessible(true));
    return new ResourceFields<>(target, List.copyOf(dataSources), List.copyOf(scheduledExecutors), deployment);
  }

  @Override
  public void inject(T instance, CreationalContext<T> context) {
    delegate.inject(instance, context);
    if (!dataSources.isEmpty() && TracingDataSourceProducer.wanted(deployment)) {
      for (Field field : dataSources) {
        try {
          Object injected = field.get(instance);
          if (injected instanceof DataSource) {
            field.set(instance, TracingDataSource.wrap((DataSource) injected, true));
          }
        } catch (ReflectiveOperationException | RuntimeException e) {
          // The field keeps the container's DataSource: the application works, untraced.
          LOG.log(Level.WARNING, "Mackerel tracing: could not trace the DataSource in " + field, e);
        }
      }
    }
    for (Field field : scheduledExecutors) {
      try {
        Object injected = field.get(instance);
        if (injected != null) {
          field.set(instance, TracingScheduledExecutor.wrapObject(injected, deployment));
        }
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        // The field keeps the server's executor: its periodic runs stay as the context provider leaves them.
        LOG.log(Level.WARNING, "Mackerel tracing: could not trace the scheduled executor in " + field, e);
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
