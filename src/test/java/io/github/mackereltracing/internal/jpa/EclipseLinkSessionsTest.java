package io.github.mackereltracing.internal.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.junit.jupiter.api.Test;

/**
 * EclipseLink as Payara and Open Liberty start a persistence unit ({@code createContainerEntityManagerFactory}
 * with the container's DataSource), then the library's start-up step, which finds the unit in EclipseLink's
 * registry. The unit logs in on first use, after the step (the usual order), or before it.
 */
class EclipseLinkSessionsTest extends JpaScenario {
  @Override
  EntityManagerFactory start(TestUnit unit) {
    EntityManagerFactory factory = new PersistenceProvider()
        .createContainerEntityManagerFactory(unit.property("eclipselink.weaving", "false"), Map.of());
    EclipseLinkSessions.traceUnitsOf(Thread.currentThread().getContextClassLoader());
    return factory;
  }

  @Override
  String provider() {
    return PersistenceProvider.class.getName();
  }

  @Test
  void aUnitLoggedInBeforeStartUpIsTracedToo() {
    EntityManagerFactory factory = new PersistenceProvider().createContainerEntityManagerFactory(
        new TestUnit("early", provider(), containerPool).property("eclipselink.weaving", "false"), Map.of());
    try {
      factory.createEntityManager().close(); // logs the session in
      EclipseLinkSessions.traceUnitsOf(Thread.currentThread().getContextClassLoader());

      Span request = useInsideASpan(factory);

      assertThat(clientSpans()).extracting(s -> s.getName()).contains("SELECT books", "INSERT books");
      assertThat(clientSpans()).allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId()));
    } finally {
      factory.close();
    }
  }

  @Test
  void tracingTwiceAddsNothing() {
    EntityManagerFactory factory = factory(containerPool);
    EclipseLinkSessions.traceUnitsOf(Thread.currentThread().getContextClassLoader());

    useInsideASpan(factory);

    assertThat(clientSpans()).filteredOn(s -> s.getName().equalsIgnoreCase("INSERT books")).hasSize(1);
  }
}
