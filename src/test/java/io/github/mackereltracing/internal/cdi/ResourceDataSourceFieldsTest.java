package io.github.mackereltracing.internal.cdi;

import static io.github.mackereltracing.testing.InMemoryTracing.finishedSpans;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.MackerelTracing;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A {@code @Resource DataSource} field, injected by the container, is traced with no code. */
@EnableWeld
@ExtendWith(InMemoryTracing.class)
class ResourceDataSourceFieldsTest {
  private static final JdbcDataSource SERVER_POOL = new JdbcDataSource();

  @WeldSetup
  WeldInitiator weld =
      WeldInitiator.from(WeldInitiator.createWeld().beanClasses(Inventory.class).addExtension(new TracingExtension()))
          .bindResource("java:app/jdbc/inventory", SERVER_POOL)
          .build();

  @ApplicationScoped
  static class Inventory {
    @Resource(lookup = "java:app/jdbc/inventory")
    DataSource dataSource;

    int count() throws Exception {
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM items WHERE kind = 'tool'")) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  @BeforeAll
  static void createTable() throws Exception {
    SERVER_POOL.setURL("jdbc:h2:mem:resource-fields;DB_CLOSE_DELAY=-1");
    try (Connection connection = SERVER_POOL.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS items (name VARCHAR(50), kind VARCHAR(20))");
      statement.execute("INSERT INTO items VALUES ('hammer', 'tool')");
    }
  }

  @Test
  void statementsOnAnInjectedResourceAreSpansUnderTheCurrentSpan() throws Exception {
    Inventory inventory = weld.select(Inventory.class).get();
    Span request = MackerelTracing.openTelemetry().getTracer("test").spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      assertThat(inventory.count()).isEqualTo(1);
    } finally {
      request.end();
    }

    assertThat(finishedSpans()).filteredOn(s -> s.getKind() == SpanKind.CLIENT).singleElement().satisfies(s -> {
      assertThat(s.getName()).isEqualTo("SELECT items");
      assertThat(s.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    });
  }
}
