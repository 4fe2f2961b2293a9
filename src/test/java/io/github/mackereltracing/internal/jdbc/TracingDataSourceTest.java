package io.github.mackereltracing.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.mackereltracing.jdbc.TracedDataSource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDBC wrappers against a real H2 database, with spans recorded in memory. */
class TracingDataSourceTest {
  private static final String URL = "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final Tracer tracer = provider.get("test");
  private JdbcDataSource h2;
  private Connection setup;

  @BeforeEach
  void createTables() throws SQLException {
    h2 = new JdbcDataSource();
    h2.setURL(URL);
    setup = PeopleDatabase.fill(h2, "(1, 'alice')", "(2, 'bob')");
  }

  @AfterEach
  void close() throws SQLException {
    setup.close();
    provider.close();
  }

  private DataSource traced(boolean rootSpans, boolean connectionSpans, boolean legacy) {
    return TracingDataSource.create(h2, JdbcTelemetry.create(tracer, rootSpans, connectionSpans, legacy));
  }

  private DataSource traced() {
    return traced(false, false, false);
  }

  /** Runs {@code work} inside a request span, as a traced request would; returns the spans under it. */
  private List<SpanData> inTrace(SqlWork work) throws Exception {
    Span request = tracer.spanBuilder("GET /people").setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope ignored = request.makeCurrent()) {
      work.run();
    } finally {
      request.end();
    }
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getParentSpanId().equals(request.getSpanContext().getSpanId()))
        .toList();
  }

  interface SqlWork {
    void run() throws Exception;
  }

  private static String attr(SpanData span, String key) {
    Object value = span.getAttributes().get(AttributeKey.stringKey(key));
    return value == null ? null : value.toString();
  }

  private static Long longAttr(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.longKey(key));
  }

  @Test
  void queryBecomesOneClientSpanWithStableAttributesAndSanitizedText() throws Exception {
    DataSource ds = traced();
    List<SpanData> spans = inTrace(() -> {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT name FROM people WHERE name = 'alice' AND id IN (1, 2, 3)")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("alice");
      }
    });
    assertThat(spans).hasSize(1);
    SpanData span = spans.get(0);
    assertThat(span.getName()).isEqualTo("SELECT people");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(attr(span, "db.system.name")).isEqualTo("h2database");
    assertThat(attr(span, "db.namespace")).isEqualTo("shop");
    assertThat(attr(span, "db.query.text")).isEqualTo("SELECT name FROM people WHERE name = ? AND id IN (?)");
    assertThat(attr(span, "db.query.summary")).isEqualTo("SELECT people");
    assertThat(attr(span, "db.operation.name")).isEqualTo("SELECT");
    assertThat(attr(span, "db.collection.name")).isEqualTo("people");
    assertThat(span.getAttributes().asMap().keySet().stream().map(AttributeKey::getKey))
        .doesNotContain("db.system", "db.statement", "db.name", "db.operation.batch.size", "error.type")
        .noneMatch(k -> k.startsWith("db.query.parameter"));
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void everyKindOfExecutionIsExactlyOneSpan() throws Exception {
    DataSource ds = traced();
    List<SpanData> spans = inTrace(() -> {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("UPDATE people SET name = 'x' WHERE id = 1");
        s.execute("UPDATE people SET name = 'x' WHERE id = 1", Statement.NO_GENERATED_KEYS);
        s.execute("UPDATE people SET name = 'x' WHERE id = 1", new int[] {1});
        s.execute("UPDATE people SET name = 'x' WHERE id = 1", new String[] {"ID"});
        s.executeUpdate("UPDATE people SET name = 'x' WHERE id = 1");
        s.executeUpdate("UPDATE people SET name = 'x' WHERE id = 1", Statement.NO_GENERATED_KEYS);
        s.executeUpdate("UPDATE people SET name = 'x' WHERE id = 1", new int[] {1});
        s.executeUpdate("UPDATE people SET name = 'x' WHERE id = 1", new String[] {"ID"});
        s.executeLargeUpdate("UPDATE people SET name = 'x' WHERE id = 1");
        s.executeLargeUpdate("UPDATE people SET name = 'x' WHERE id = 1", Statement.NO_GENERATED_KEYS);
        s.executeLargeUpdate("UPDATE people SET name = 'x' WHERE id = 1", new int[] {1});
        s.executeLargeUpdate("UPDATE people SET name = 'x' WHERE id = 1", new String[] {"ID"});
        s.executeQuery("SELECT 1").close();
        try (PreparedStatement p = c.prepareStatement("UPDATE people SET name = ? WHERE id = ?")) {
          p.setString(1, "carol");
          p.setInt(2, 1);
          p.execute();
          p.executeUpdate();
          p.executeLargeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("SELECT * FROM people WHERE id = ?")) {
          p.setInt(1, 1);
          p.executeQuery().close();
        }
      }
    });
    assertThat(spans).hasSize(17);
    assertThat(spans.subList(0, 12)).allSatisfy(span -> {
      assertThat(span.getName()).isEqualTo("UPDATE people");
      assertThat(attr(span, "db.query.text")).isEqualTo("UPDATE people SET name = ? WHERE id = ?");
    });
    assertThat(spans.get(12).getName()).isEqualTo("SELECT");
    assertThat(spans.subList(13, 16)).allSatisfy(span -> assertThat(span.getName()).isEqualTo("UPDATE people"));
    assertThat(attr(spans.get(16), "db.query.text")).isEqualTo("SELECT * FROM people WHERE id = ?");
  }

  @Test
  void batchesAreOneSpanWithTheirSize() throws Exception {
    DataSource ds = traced();
    List<SpanData> spans = inTrace(() -> {
      try (Connection c = ds.getConnection()) {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO people (id, name) VALUES (?, ?)")) {
          for (int id = 10; id < 13; id++) {
            p.setInt(1, id);
            p.setString(2, "person " + id);
            p.addBatch();
          }
          assertThat(p.executeBatch()).containsExactly(1, 1, 1);
          p.setInt(1, 20);
          p.setString(2, "single");
          p.addBatch();
          p.executeLargeBatch(); // a batch of one is one operation
        }
        try (Statement s = c.createStatement()) {
          s.addBatch("INSERT INTO people VALUES (30, 'x')");
          s.addBatch("UPDATE people SET name = 'y' WHERE id = 30");
          s.executeBatch();
          s.addBatch("DELETE FROM people WHERE id = 30");
          s.addBatch("DELETE FROM people WHERE id = 31");
          s.executeBatch();
          s.addBatch("DELETE FROM people WHERE id = 32");
          s.clearBatch();
          s.executeBatch(); // empty
        }
      }
    });
    assertThat(spans).extracting(SpanData::getName)
        .containsExactly("BATCH INSERT people", "INSERT people", "BATCH", "BATCH DELETE people", "BATCH");
    assertThat(longAttr(spans.get(0), "db.operation.batch.size")).isEqualTo(3L);
    assertThat(attr(spans.get(0), "db.operation.name")).isEqualTo("BATCH INSERT");
    assertThat(attr(spans.get(0), "db.query.text")).isEqualTo("INSERT INTO people (id, name) VALUES (?, ?)");
    assertThat(longAttr(spans.get(1), "db.operation.batch.size")).isNull();
    assertThat(attr(spans.get(1), "db.operation.name")).isEqualTo("INSERT");
    assertThat(longAttr(spans.get(2), "db.operation.batch.size")).isEqualTo(2L);
    assertThat(attr(spans.get(2), "db.query.text"))
        .isEqualTo("INSERT INTO people VALUES (?, ?); UPDATE people SET name = ? WHERE id = ?");
    assertThat(attr(spans.get(2), "db.operation.name")).isEqualTo("BATCH");
    assertThat(attr(spans.get(3), "db.query.text")).isEqualTo("DELETE FROM people WHERE id = ?");
    assertThat(longAttr(spans.get(3), "db.operation.batch.size")).isEqualTo(2L);
    assertThat(longAttr(spans.get(4), "db.operation.batch.size")).isEqualTo(0L);
  }

  @Test
  void callableStatementIsNamedAfterTheProcedure() throws Exception {
    DataSource ds = traced();
    List<SpanData> spans = inTrace(() -> {
      try (Connection c = ds.getConnection();
          CallableStatement call = c.prepareCall("{? = call twice(?, 2)}")) {
        call.registerOutParameter(1, Types.INTEGER);
        call.setInt(2, 21);
        call.execute();
        assertThat(call.getInt(1)).isEqualTo(42);
        assertThat(call.getConnection()).isSameAs(c);
      }
    });
    assertThat(spans).hasSize(1);
    assertThat(spans.get(0).getName()).isEqualTo("call twice");
    assertThat(attr(spans.get(0), "db.stored_procedure.name")).isEqualTo("twice");
    assertThat(attr(spans.get(0), "db.query.text")).isEqualTo("{? = call twice(?, ?)}");
  }

  @Test
  void noSpanOutsideATraceUnlessRootSpansAreAllowed() throws Exception {
    try (Connection c = traced().getConnection(); Statement s = c.createStatement()) {
      s.executeQuery("SELECT * FROM people").close();
    }
    assertThat(exporter.getFinishedSpanItems()).isEmpty();

    try (Connection c = traced(true, false, false).getConnection(); Statement s = c.createStatement()) {
      s.executeQuery("SELECT * FROM people").close();
    }
    assertThat(exporter.getFinishedSpanItems()).singleElement().satisfies(span -> {
      assertThat(span.getName()).isEqualTo("SELECT people");
      assertThat(span.getParentSpanContext().isValid()).isFalse();
    });
  }

  @Test
  void failureIsRecordedAndTheDriversExceptionRethrownUnchanged() throws Exception {
    SQLException raw;
    try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
      raw = catchThrowableOfType(SQLException.class, () -> s.executeQuery("SELECT * FROM missing WHERE x = 'secret'"));
    }
    DataSource ds = traced();
    SQLException[] thrown = new SQLException[1];
    List<SpanData> spans = inTrace(() -> {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.executeQuery("SELECT * FROM missing WHERE x = 'secret'");
      } catch (SQLException e) {
        thrown[0] = e;
      }
    });
    SQLException e = thrown[0];
    assertThat((Throwable) e).isNotNull().hasSameClassAs(raw).hasMessage(raw.getMessage()).hasNoSuppressedExceptions();
    assertThat(e.getSQLState()).isEqualTo(raw.getSQLState()).isEqualTo("42S02");
    assertThat(e.getErrorCode()).isEqualTo(raw.getErrorCode());
    assertThat(e.getStackTrace()[0].getClassName()).startsWith("org.h2.");

    SpanData span = spans.get(0);
    assertThat(spans).hasSize(1);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attr(span, "db.response.status_code")).isEqualTo("42S02");
    assertThat(attr(span, "error.type")).isEqualTo("42S02");
    assertThat(attr(span, "db.query.text")).isEqualTo("SELECT * FROM missing WHERE x = ?");
    assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("exception");
    assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.type")))
        .isEqualTo(raw.getClass().getName());

    // The same for a prepared statement, and for a failure at prepare time (no execution, so no span).
    List<SpanData> prepared = inTrace(() -> {
      try (Connection c = ds.getConnection()) {
        assertThatThrownBy(() -> c.prepareStatement("SELECT * FROM nowhere")).isInstanceOf(SQLException.class);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO people VALUES (?, ?)")) {
          p.setInt(1, 1);
          p.setString(2, "duplicate");
          assertThatThrownBy(p::executeUpdate).isInstanceOf(SQLException.class);
        }
      }
    });
    assertThat(prepared).singleElement().satisfies(span2 -> {
      assertThat(span2.getName()).isEqualTo("INSERT people");
      assertThat(attr(span2, "db.response.status_code")).isEqualTo("23505");
      assertThat(span2.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    });
  }

  @Test
  void connectionSpansOnlyWhenAskedFor() throws Exception {
    assertThat(inTrace(() -> traced().getConnection().close())).isEmpty();

    DataSource ds = traced(false, true, false);
    List<SpanData> spans = inTrace(() -> {
      try (Connection c = ds.getConnection()) {
        c.createStatement().executeQuery("SELECT 1").close();
      }
      try (Connection c = ds.getConnection()) {
        c.createStatement().executeQuery("SELECT 1").close();
      }
    });
    assertThat(spans).extracting(SpanData::getName)
        .containsExactly("JdbcDataSource.getConnection", "SELECT", "JdbcDataSource.getConnection", "SELECT");
    assertThat(spans.get(0).getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(attr(spans.get(0), "code.function.name")).isEqualTo("org.h2.jdbcx.JdbcDataSource.getConnection");
    // Once the database is known, connection spans say which it is.
    assertThat(attr(spans.get(2), "db.system.name")).isEqualTo("h2database");
  }

  @Test
  void legacyAttributesWhenAskedFor() throws Exception {
    DataSource ds = traced(false, false, true);
    List<SpanData> spans = inTrace(() -> {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.executeQuery("SELECT * FROM people WHERE id = 7").close();
      }
    });
    SpanData span = spans.get(0);
    assertThat(attr(span, "db.system")).isEqualTo("h2");
    assertThat(attr(span, "db.system.name")).isEqualTo("h2database");
    assertThat(attr(span, "db.statement")).isEqualTo("SELECT * FROM people WHERE id = ?");
    assertThat(attr(span, "db.query.text")).isEqualTo("SELECT * FROM people WHERE id = ?");
    assertThat(attr(span, "db.name")).isEqualTo("shop");
  }

  @Test
  void unwrapReachesTheDriversObjects() throws Exception {
    DataSource ds = traced();
    assertThat(ds.unwrap(JdbcDataSource.class)).isSameAs(h2);
    assertThat(ds.isWrapperFor(JdbcDataSource.class)).isTrue();
    assertThat(ds.isWrapperFor(TracingDataSource.class)).isTrue();
    assertThat(ds.unwrap(DataSource.class)).isSameAs(ds);
    try (Connection c = ds.getConnection()) {
      assertThat(c.isWrapperFor(JdbcConnection.class)).isTrue();
      assertThat(c.unwrap(JdbcConnection.class)).isInstanceOf(JdbcConnection.class).isNotSameAs(c);
      assertThat(c.unwrap(Connection.class)).isSameAs(c);
      Statement s = c.createStatement();
      assertThat(s.unwrap(org.h2.jdbc.JdbcStatement.class)).isInstanceOf(org.h2.jdbc.JdbcStatement.class);
      ResultSet rs = s.executeQuery("SELECT 1");
      assertThat(rs.unwrap(org.h2.jdbc.JdbcResultSet.class)).isInstanceOf(org.h2.jdbc.JdbcResultSet.class);
      assertThat(rs.isWrapperFor(org.h2.jdbc.JdbcResultSet.class)).isTrue();
    }
  }

  @Test
  void wrappingTwiceChangesNothingAndMakesNoSecondSpan() throws Exception {
    DataSource once = traced();
    assertThat(TracedDataSource.wrap(once)).isSameAs(once);
    assertThat(TracingDataSource.wrap(once, true)).isSameAs(once);
    List<SpanData> spans = inTrace(() -> {
      try (Connection c = TracedDataSource.wrap(once).getConnection(); Statement s = c.createStatement()) {
        s.executeQuery("SELECT * FROM people").close();
      }
    });
    assertThat(spans).hasSize(1);
  }

  @Test
  void objectsHandedBackAreTheTracedOnes() throws Exception {
    DataSource ds = traced();
    List<SpanData> spans = inTrace(() -> {
      try (Connection c = ds.getConnection()) {
        Statement s = c.createStatement();
        assertThat(s.getConnection()).isSameAs(c);
        // Result sets are the driver's, as metadata is (docs/architecture.md): reading rows costs nothing.
        ResultSet rs = s.executeQuery("SELECT * FROM people");
        assertThat(rs).isInstanceOf(org.h2.jdbc.JdbcResultSet.class);
        assertThat(rs.next()).isTrue();
        DatabaseMetaData md = c.getMetaData();
        assertThat(md.getURL()).startsWith("jdbc:h2:mem:shop");

        PreparedStatement p = c.prepareStatement("INSERT INTO people VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS);
        assertThat(p.getConnection()).isSameAs(c);
        p.setInt(1, 99);
        p.setString(2, "zed");
        p.executeUpdate();
        p.getGeneratedKeys().close();

        // Going back from a statement to its connection still gives traced statements.
        s.getConnection().createStatement().executeQuery("SELECT * FROM people WHERE id = 99").close();
        p.getConnection().prepareStatement("DELETE FROM people WHERE id = 99").executeUpdate();
        // The one path that leaves tracing: the driver's statement behind a result set.
        rs.getStatement().executeQuery("SELECT * FROM people WHERE id = 1").close();
      }
    });
    assertThat(spans).extracting(SpanData::getName)
        .containsExactly("SELECT people", "INSERT people", "SELECT people", "DELETE people");
  }

  @Test
  void statementsPreparedBeforeATraceAreTracedInside() throws Exception {
    DataSource ds = traced();
    try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement("SELECT * FROM people")) {
      p.executeQuery().close(); // no trace yet: no span
      List<SpanData> spans = inTrace(() -> p.executeQuery().close());
      assertThat(spans).extracting(SpanData::getName).containsExactly("SELECT people");
    }
  }
}
