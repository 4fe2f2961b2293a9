package io.github.mackereltracing.docs;

import static io.github.mackereltracing.testing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.MackerelTracing;
import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.sql.Connection;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JDBC snippet of the READMEs and docs/jdbc.md: a producer field over the server's DataSource (bound here
 * under its JNDI name, as the server would) makes every statement run through the injected DataSource a span.
 */
@EnableWeld
@ExtendWith(InMemoryTracing.class)
class JdbcSnippetsTest {
  private static final JdbcDataSource SERVER_POOL = new JdbcDataSource();

  @WeldSetup
  WeldInitiator weld =
      WeldInitiator.from(
              WeldInitiator.createWeld()
                  .beanClasses(Database.class, People.class)
                  .addExtension(new TracingExtension()))
          .bindResource("java:comp/DefaultDataSource", SERVER_POOL)
          .build();

  @BeforeAll
  static void createTable() throws Exception {
    SERVER_POOL.setURL("jdbc:h2:mem:doc-snippets;DB_CLOSE_DELAY=-1");
    try (Connection connection = SERVER_POOL.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS people (name VARCHAR(50), age INT)");
      statement.execute("INSERT INTO people VALUES ('Ada', 36), ('Alan', 41), ('Grace', 29)");
    }
  }

  @Test
  void producedServerDataSourceIsTraced() throws Exception {
    People people = weld.select(People.class).get();
    Span request = MackerelTracing.openTelemetry().getTracer("test").spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      assertThat(people.count()).isEqualTo(2);
    } finally {
      request.end();
    }

    assertThat(span("SELECT people").getAttributes().get(AttributeKey.stringKey("db.query.text")))
        .isEqualTo("SELECT COUNT(*) FROM people WHERE age > ?");
  }
}
