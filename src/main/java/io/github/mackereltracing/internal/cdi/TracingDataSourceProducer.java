package io.github.mackereltracing.internal.cdi;

import io.github.mackereltracing.internal.config.SdkSettings;
import io.github.mackereltracing.internal.config.Setting;
import io.github.mackereltracing.internal.jdbc.TracingDataSource;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.Producer;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Stands in for an application's producer of {@code DataSource} (method or field, {@code @Resource} ones
 * included): what it produces is handed out traced, unless {@code mackerel.jdbc.cdi-wrap=false}. Its
 * disposer still receives the very instance the producer made.
 */
final class TracingDataSourceProducer implements Producer<DataSource> {
  private final Producer<DataSource> original;
  private final DeploymentTracing deployment;

  TracingDataSourceProducer(Producer<DataSource> original, DeploymentTracing deployment) {
    this.original = original;
    this.deployment = deployment;
  }

  @Override
  public DataSource produce(CreationalContext<DataSource> context) {
    DataSource dataSource = original.produce(context);
    return wanted() ? TracingDataSource.wrap(dataSource, true) : dataSource;
  }

  private boolean wanted() {
    return wanted(deployment);
  }

  /** Whether {@code mackerel.jdbc.cdi-wrap} lets the library trace DataSources that CDI hands out. */
  static boolean wanted(DeploymentTracing deployment) {
    try {
      SdkSettings settings = deployment == null ? null : deployment.telemetry().settings();
      String value = settings == null ? Setting.JDBC_CDI_WRAP.defaultValue() : settings.get(Setting.JDBC_CDI_WRAP);
      return !"false".equalsIgnoreCase(value == null ? "" : value.strip());
    } catch (RuntimeException e) {
      return true; // tracing that cannot read its settings is off, and a traced DataSource then costs nothing
    }
  }

  @Override
  public void dispose(DataSource instance) {
    original.dispose(TracingDataSource.unwrapIfWrappedByContainer(instance));
  }

  @Override
  public Set<InjectionPoint> getInjectionPoints() {
    return original.getInjectionPoints();
  }
}
