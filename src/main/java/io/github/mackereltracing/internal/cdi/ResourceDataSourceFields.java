package io.github.mackereltracing.internal.cdi;

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
 * Traces the {@code @Resource DataSource} fields of a class the container injects (servlets, filters,
 * listeners, EJBs, JAX-RS resources, CDI beans): after the container's own injection, each such field is set
 * to the library's wrapper around what the container put there. CDI lets an extension wrap the injection
 * target of every such class ({@code ProcessInjectionTarget}); there is no portable way to intercept
 * resource injection itself. Producer fields are left to {@link TracingDataSourceProducer}.
 */
final class ResourceDataSourceFields<T> implements InjectionTarget<T> {
  private static final Logger LOG = Logger.getLogger(ResourceDataSourceFields.class.getName());
  private final InjectionTarget<T> delegate;
  private final List<Field> fields;
  private final DeploymentTracing deployment;

  private ResourceDataSourceFields(InjectionTarget<T> delegate, List<Field> fields, DeploymentTracing deployment) {
    this.delegate = delegate;
    this.fields = fields;
    this.deployment = deployment;
  }

  /** {@code target} itself when {@code type} has no {@code @Resource DataSource} field, else the wrapper. */
  static <T> InjectionTarget<T> wrap(InjectionTarget<T> target, AnnotatedType<T> type, DeploymentTracing deployment) {
    List<Field> fields = new ArrayList<>(1);
    for (AnnotatedField<? super T> field : type.getFields()) {
      Field member = field.getJavaMember();
      if (member.getType() == DataSource.class && field.isAnnotationPresent(Resource.class)
          && !field.isAnnotationPresent(Produces.class) && !field.isStatic()) {
        fields.add(member);
      }
    }
    if (fields.isEmpty()) {
      return target;
    }
    for (Field field : fields) {
      field.setAccessible(true);
    }
    return new ResourceDataSourceFields<>(target, List.copyOf(fields), deployment);
  }

  @Override
  public void inject(T instance, CreationalContext<T> context) {
    delegate.inject(instance, context);
    if (!TracingDataSourceProducer.wanted(deployment)) {
      return;
    }
    for (Field field : fields) {
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
