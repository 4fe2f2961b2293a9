package io.github.mackereltracing.internal.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.github.mackereltracing.jdbc.TracedDataSource;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A container-managed persistence unit over a container DataSource, as a server starts it, run once per JPA
 * provider: what the provider runs is traced like the library's JDBC, under the span current at the call.
 */
@ExtendWith(InMemoryTracing.class)
abstract class JpaScenario {
  static final AttributeKey<String> QUERY_TEXT = AttributeKey.stringKey("db.query.text");
  private static int databases;

  DeploymentTracing deployment;
  private ClassLoader appLoader;
  private URLClassLoader deploymentLoader;
  JdbcDataSource containerPool;
  private Connection keepAlive;
  private EntityManagerFactory factory;

  /** The provider's factory for {@code unit}, made the way the server makes it; tracing set up as on start-up. */
  abstract EntityManagerFactory start(TestUnit unit);

  /** The provider class named in the unit. */
  abstract String provider();

  @BeforeEach
  void deploy() throws Exception {
    // A deployment of its own, as a server gives each application: its threads carry its class loader.
    appLoader = Thread.currentThread().getContextClassLoader();
    deploymentLoader = new URLClassLoader("jpa-test", new URL[0], appLoader);
    Thread.currentThread().setContextClassLoader(deploymentLoader);
    deployment = Deployments.getOrCreate(deploymentLoader);
    deployment.startNow();
    containerPool = new JdbcDataSource();
    containerPool.setURL("jdbc:h2:mem:jpa" + (++databases) + ";DB_CLOSE_DELAY=-1");
    keepAlive = containerPool.getConnection();
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE books (id BIGINT PRIMARY KEY, title VARCHAR(100))");
      s.execute("INSERT INTO books VALUES (1, 'Dune')");
    }
  }

  @AfterEach
  void undeploy() throws Exception {
    if (factory != null) {
      factory.close();
    }
    keepAlive.close();
    Deployments.undeploy(deployment);
    ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig(deploymentLoader));
    Thread.currentThread().setContextClassLoader(appLoader);
    deploymentLoader.close();
  }

  EntityManagerFactory factory(DataSource dataSource) {
    factory = start(new TestUnit("books" + databases, provider(), dataSource));
    return factory;
  }

  /** Reads and writes through the unit inside a span named {@code request}; returns that span. */
  static Span useInsideASpan(EntityManagerFactory factory) {
    Span request = deploymentTracer().spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      use(factory);
    } finally {
      request.end();
    }
    return request;
  }

  static void use(EntityManagerFactory factory) {
    EntityManager em = factory.createEntityManager();
    try {
      em.getTransaction().begin();
      assertThat(em.createQuery("SELECT b.title FROM Book b WHERE b.id = 1", String.class).getSingleResult())
          .isEqualTo("Dune");
      em.persist(new Book(2, "Solaris"));
      em.getTransaction().commit();
    } finally {
      em.close();
    }
  }

  static io.opentelemetry.api.trace.Tracer deploymentTracer() {
    return io.github.mackereltracing.MackerelTracing.openTelemetry().getTracer("test");
  }

  static List<SpanData> clientSpans() {
    return InMemoryTracing.finishedSpans().stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
  }

  @Test
  void everyStatementIsAClientSpanUnderTheCurrentSpan() {
    Span request = useInsideASpan(factory(containerPool));

    List<SpanData> statements = clientSpans();
    // Named as every JDBC span: operation and table, in the case the provider writes its SQL in.
    assertThat(statements).extracting(s -> s.getName().toUpperCase(java.util.Locale.ROOT))
        .contains("SELECT BOOKS", "INSERT BOOKS");
    assertThat(statements).allSatisfy(s -> {
      assertThat(s.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
      assertThat(s.getAttributes().get(AttributeKey.stringKey("db.system.name"))).isEqualTo("h2database");
    });
    // The same sanitizing as every JDBC span: the literal of the JPQL query is not in the SQL text.
    assertThat(statements).filteredOn(s -> s.getName().equalsIgnoreCase("SELECT books"))
        .allSatisfy(s -> assertThat(s.getAttributes().get(QUERY_TEXT)).doesNotContain("= 1").contains("books"));
  }

  @Test
  void anAlreadyTracedDataSourceMakesOneSpanPerStatement() {
    Span request = useInsideASpan(factory(TracedDataSource.wrap(containerPool)));

    assertThat(clientSpans()).filteredOn(s -> s.getName().equalsIgnoreCase("INSERT books")).singleElement()
        .satisfies(s -> assertThat(s.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId()));
  }

  @Test
  void outsideAnySpanNothingIsRecorded() {
    use(factory(containerPool));

    assertThat(InMemoryTracing.finishedSpans()).isEmpty();
  }
}
