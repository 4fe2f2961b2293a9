package io.github.mackereltracing.internal.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /**
   * Open Liberty makes a unit's session on its first use, typically in a request, after the start-up look
   * (and a new one even for a unit it logged in while deploying): the look made again after a request traces
   * the session that the first use logged in, for the next requests.
   */
  @Test
  void aUnitCreatedAfterStartUpIsTracedWhenLookedForAgain() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    assertThat(EclipseLinkSessions.traceUnitsOf(loader)).as("EclipseLink is there: worth looking again").isTrue();

    EntityManagerFactory factory = new PersistenceProvider().createContainerEntityManagerFactory(
        new TestUnit("late", provider(), containerPool).property("eclipselink.weaving", "false"), Map.of());
    try {
      // The first request: creates and logs in the unit, before anything could trace it.
      var em = factory.createEntityManager();
      em.createQuery("SELECT b.title FROM Book b WHERE b.id = 1", String.class).getSingleResult();
      em.close();
      assertThat(clientSpans()).isEmpty();

      EclipseLinkSessions.traceUnitsOf(loader);
      Span request = useInsideASpan(factory);

      assertThat(clientSpans()).extracting(s -> s.getName()).contains("SELECT books", "INSERT books");
      assertThat(clientSpans()).allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId()));
    } finally {
      factory.close();
    }
  }

  @Test
  void aSessionDoneIsNotTracedTwiceByLaterLooks() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    EntityManagerFactory factory = factory(containerPool);
    factory.createEntityManager().close(); // logs the session in
    EclipseLinkSessions.traceUnitsOf(loader);
    EclipseLinkSessions.traceUnitsOf(loader);
    EclipseLinkSessions.traceUnitsOf(loader);

    useInsideASpan(factory);

    assertThat(clientSpans()).filteredOn(s -> s.getName().equalsIgnoreCase("INSERT books")).hasSize(1);
  }

  @Test
  void theDeclaredUnitsAreThoseEclipseLinkRuns(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("META-INF"));
    Files.writeString(dir.resolve("META-INF/persistence.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
          <persistence-unit name="books"><jta-data-source>java:app/jdbc/books</jta-data-source></persistence-unit>
          <persistence-unit name="named">
            <provider>org.eclipse.persistence.jpa.PersistenceProvider</provider>
          </persistence-unit>
          <persistence-unit name="hibernate"><provider>org.hibernate.jpa.HibernatePersistenceProvider</provider></persistence-unit>
        </persistence>
        """);
    try (URLClassLoader deployment = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      assertThat(EclipseLinkSessions.declaredUnits(deployment)).containsExactlyInAnyOrder("books", "named");
    }
  }

  @Test
  void aDescriptorWithADoctypeIsNotReadAndNothingIsFetched(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("META-INF"));
    Files.writeString(dir.resolve("META-INF/persistence.xml"), """
        <?xml version="1.0"?>
        <!DOCTYPE persistence SYSTEM "http://127.0.0.1:9/never.dtd">
        <persistence><persistence-unit name="books"/></persistence>
        """);
    try (URLClassLoader deployment = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      assertThat(EclipseLinkSessions.declaredUnits(deployment)).isEmpty();
    }
  }
}
