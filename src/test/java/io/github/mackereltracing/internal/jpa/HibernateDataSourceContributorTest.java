package io.github.mackereltracing.internal.jpa;

import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * Hibernate as WildFly starts a persistence unit: {@code createContainerEntityManagerFactory} with the
 * container's DataSource. Nothing is configured: Hibernate finds the contributor through META-INF/services.
 */
class HibernateDataSourceContributorTest extends JpaScenario {
  @Override
  EntityManagerFactory start(TestUnit unit) {
    return new HibernatePersistenceProvider().createContainerEntityManagerFactory(unit, Map.of());
  }

  @Override
  String provider() {
    return HibernatePersistenceProvider.class.getName();
  }
}
