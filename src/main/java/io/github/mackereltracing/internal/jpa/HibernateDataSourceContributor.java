package io.github.mackereltracing.internal.jpa;

import io.github.mackereltracing.internal.jdbc.TracingDataSource;
import jakarta.annotation.Nullable;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.service.spi.ServiceContributor;

/**
 * Traces the statements Hibernate runs for a persistence unit, with no setting: Hibernate finds service
 * contributors by {@code ServiceLoader} through the persistence unit's class loader, which on WildFly is the
 * deployment's (so this jar's {@code META-INF/services} entry in {@code WEB-INF/lib} is seen). Contributors run
 * before Hibernate copies its settings, so replacing the container's DataSource under
 * {@code hibernate.connection.datasource} with the library's JDBC wrapper is all it takes: every statement is
 * then a CLIENT span exactly like those of {@code TracedDataSource.wrap}. A JNDI name there is looked up
 * first, as Hibernate itself would. An already traced DataSource is left as it is (no double spans).
 */
public final class HibernateDataSourceContributor implements ServiceContributor {
  private static final Logger LOG = Logger.getLogger(HibernateDataSourceContributor.class.getName());

  @Override
  public void contribute(StandardServiceRegistryBuilder registry) {
    try {
      Object setting = registry.getSettings().get(AvailableSettings.DATASOURCE);
      DataSource dataSource = dataSource(setting);
      if (dataSource != null) {
        registry.applySetting(AvailableSettings.DATASOURCE, TracingDataSource.wrap(dataSource, true));
        LOG.fine(() -> "Mackerel tracing: Hibernate's DataSource " + setting + " is traced");
      }
    } catch (RuntimeException | LinkageError e) {
      // Tracing must never stop a persistence unit from starting: it then runs untraced.
      LOG.log(Level.WARNING, "Mackerel tracing: could not trace Hibernate's DataSource; its statements make no spans", e);
    }
  }

  private static @Nullable DataSource dataSource(@Nullable Object setting) {
    if (setting instanceof DataSource) {
      return (DataSource) setting;
    }
    if (setting instanceof String && !((String) setting).isBlank()) {
      try {
        Object found = new InitialContext().lookup((String) setting);
        if (found instanceof DataSource) {
          return (DataSource) found;
        }
      } catch (NamingException e) {
        // Hibernate will look it up again and report a missing name in its own words.
        LOG.log(Level.FINE, "Mackerel tracing: " + setting + " not found; Hibernate's DataSource is not traced", e);
      }
    }
    return null;
  }
}
