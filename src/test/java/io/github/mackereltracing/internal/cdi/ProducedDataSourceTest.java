package io.github.mackereltracing.internal.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.jdbc.TracingDataSource;
import io.github.mackereltracing.testing.OtlpReceiver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Named;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.h2.jdbcx.JdbcDataSource;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DataSources that CDI producers provide are traced by the extension, with nothing written by the user. */
class ProducedDataSourceTest {
  static final JdbcDataSource H2 = h2("jdbc:h2:mem:produced;DB_CLOSE_DELAY=-1");
  static final JdbcDataSource H2_FIELD = h2("jdbc:h2:mem:field;DB_CLOSE_DELAY=-1");
  static final List<DataSource> DISPOSED = new CopyOnWriteArrayList<>();

  private final ClassLoader appLoader = Thread.currentThread().getContextClassLoader();
  private ClassLoader deploymentLoader;
  private WeldContainer container;
  private final Map<String, String> settings = new java.util.HashMap<>();

  static JdbcDataSource h2(String url) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    return ds;
  }

  /** What an application writes: producers, as for {@code @Produces @Resource(lookup = ...) DataSource ds;}. */
  @Dependent
  public static class Producers {
    @Produces @Named("field") DataSource field = H2_FIELD;

    @Produces
    @Named("pool")
    DataSource pool() {
      return H2;
    }

    void close(@Disposes @Named("pool") DataSource ds) {
      DISPOSED.add(ds);
    }

    @Produces
    @Named("vendor")
    JdbcDataSource vendor() {
      return H2;
    }
  }

  private WeldContainer start(Map<String, String> config) {
    settings.putAll(config);
    settings.forEach(System::setProperty);
    deploymentLoader = new URLClassLoader("cdi-app", new URL[0], appLoader);
    Thread.currentThread().setContextClassLoader(deploymentLoader);
    container = new Weld("produced-" + System.nanoTime())
        .disableDiscovery()
        .addExtension(new TracingExtension())
        .addBeanClasses(Producers.class)
        .initialize();
    return container;
  }

  @AfterEach
  void stop() {
    if (container != null && container.isRunning()) {
      container.shutdown();
    }
    ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig(deploymentLoader));
    settings.keySet().forEach(System::clearProperty);
    Thread.currentThread().setContextClassLoader(appLoader);
    DISPOSED.clear();
  }

  @Test
  void producedDataSourcesAreTracedAndDisposersGetTheirOwnInstance() throws Exception {
    WeldContainer weld = start(Map.of());
    Instance<DataSource> pools = weld.select(DataSource.class, NamedLiteral.of("pool"));
    DataSource pool = pools.get();
    assertThat(pool.isWrapperFor(TracingDataSource.class)).isTrue();
    assertThat(pool.unwrap(JdbcDataSource.class)).isSameAs(H2);

    DataSource field = weld.select(DataSource.class, NamedLiteral.of("field")).get();
    assertThat(field.isWrapperFor(TracingDataSource.class)).isTrue();
    assertThat(field.unwrap(JdbcDataSource.class)).isSameAs(H2_FIELD);

    // A producer of the vendor's class keeps its type: wrapping would break its injection points.
    assertThat(weld.select(JdbcDataSource.class, NamedLiteral.of("vendor")).get()).isSameAs(H2);

    pools.destroy(pool);
    assertThat(DISPOSED).containsExactly(H2);
  }

  @Test
  void aSettingTurnsItOff() throws Exception {
    WeldContainer weld = start(Map.of("mackerel.jdbc.cdi-wrap", "false"));
    assertThat(weld.select(DataSource.class, NamedLiteral.of("pool")).get()).isSameAs(H2);
  }

  @Test
  void statementsOnAProducedDataSourceBecomeSpans() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      WeldContainer weld = start(Map.of(
          "otel.sdk.disabled", "false",
          "otel.exporter.otlp.traces.endpoint", receiver.tracesUrl(),
          "otel.bsp.schedule.delay", "20",
          "otel.metrics.exporter", "none",
          "otel.logs.exporter", "none",
          "mackerel.host-id-file", "/nonexistent/mackerel-id"));
      DataSource ds = weld.select(DataSource.class, NamedLiteral.of("pool")).get();
      Tracer tracer = weld.select(Tracer.class).get();
      Span request = tracer.spanBuilder("GET /orders").startSpan();
      try (Scope ignored = request.makeCurrent();
          Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS orders (id INT, item VARCHAR(20))");
        s.executeUpdate("INSERT INTO orders VALUES (1, 'secret item')");
      } finally {
        request.end();
      }
      OtlpReceiver.ReceivedSpan span = receiver.awaitSpan(x -> x.name().equals("INSERT orders"), Duration.ofSeconds(10));
      assertThat(span.attribute("db.query.text")).isEqualTo("INSERT INTO orders VALUES (?, ?)");
      assertThat(span.span().getTraceId()).isEqualTo(
          receiver.awaitSpan(x -> x.name().equals("GET /orders"), Duration.ofSeconds(10)).span().getTraceId());
      container.shutdown();
    }
  }
}
