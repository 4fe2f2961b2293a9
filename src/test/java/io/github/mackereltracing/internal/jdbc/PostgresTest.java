package io.github.mackereltracing.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.PSQLException;

/**
 * Against a real PostgreSQL server, started by {@code scripts/start-postgres.sh} (127.0.0.1:54329 unless
 * PG_HOST / PG_PORT say otherwise). Skipped when no server answers, unless REQUIRE_POSTGRES=true.
 */
class PostgresTest {
  static final String HOST = env("PG_HOST", "127.0.0.1");
  static final int PORT = Integer.parseInt(env("PG_PORT", "54329"));
  static final String URL =
      "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres?user=postgres&currentSchema=public&connectTimeout=3";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final Tracer tracer = provider.get("test");
  private DataSource ds;

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** Why the tests cannot run, or null when the server answers. */
  private static String unavailable;

  @BeforeAll
  static void serverIsThere() {
    PGSimpleDataSource probe = new PGSimpleDataSource();
    probe.setURL(URL);
    try (Connection c = probe.getConnection()) {
      c.isValid(3);
    } catch (SQLException e) {
      unavailable = "No PostgreSQL at " + HOST + ":" + PORT + " (" + e.getMessage()
          + "). Start one with scripts/start-postgres.sh";
      if ("true".equalsIgnoreCase(System.getenv("REQUIRE_POSTGRES"))) {
        Assertions.fail(unavailable + " (REQUIRE_POSTGRES=true makes this a failure)");
      }
    }
  }

  @BeforeEach
  void createTable() throws SQLException {
    Assumptions.assumeTrue(unavailable == null, () -> unavailable + "; skipped (REQUIRE_POSTGRES=true would fail)");
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(URL);
    ds = TracingDataSource.create(pg, JdbcTelemetry.create(tracer, false, false, false));
    try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS accounts");
      s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, owner TEXT, balance NUMERIC)");
    }
  }

  @AfterEach
  void close() {
    provider.close();
  }

  private List<SpanData> inTrace(TracingDataSourceTest.SqlWork work) throws Exception {
    Span request = tracer.spanBuilder("POST /transfer").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      work.run();
    } finally {
      request.end();
    }
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getParentSpanId().equals(request.getSpanContext().getSpanId()))
        .toList();
  }

  private static String attr(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  @Test
  void databaseAndServerComeFromTheUrl() throws Exception {
    List<SpanData> spans = inTrace(() -> {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO accounts VALUES (1, 'alice', 100.50)");
      }
    });
    SpanData span = spans.get(0);
    assertThat(span.getName()).isEqualTo("INSERT accounts");
    assertThat(attr(span, "db.system.name")).isEqualTo("postgresql");
    assertThat(attr(span, "db.namespace")).isEqualTo("postgres|public");
    assertThat(attr(span, "server.address")).isEqualTo(HOST);
    assertThat(span.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo((long) PORT);
    assertThat(attr(span, "db.query.text")).isEqualTo("INSERT INTO accounts VALUES (?, ?, ?)");
    assertThat(span.getAttributes().asMap().values()).allSatisfy(v -> assertThat(v.toString()).doesNotContain("user="));
  }

  /**
   * Issue 18, item 3, on the real server: with standard_conforming_strings off (a session setting), PostgreSQL
   * reads {@code \'} as an escaped quote, so what follows {@code 'It\'s'} is another literal; the sanitizer
   * cannot know the setting and must hide it. The statement runs, and returns the secret, so it is a literal.
   */
  @Test
  void backslashEscapesOfASessionSettingLeakNothing() throws Exception {
    List<SpanData> spans = inTrace(() -> {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("SET standard_conforming_strings = off");
        s.execute("SET escape_string_warning = off");
        try (ResultSet rs = s.executeQuery("SELECT 'It\\'s' AS a, 'hunter2' AS b")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("a")).isEqualTo("It's");
          assertThat(rs.getString("b")).isEqualTo("hunter2");
        }
        s.execute("SET standard_conforming_strings = on");
        // ...and with it on (the default), 'C:\' ends at the quote: the same text read the other way.
        try (ResultSet rs = s.executeQuery("SELECT 'C:\\' AS a, 'hunter3' AS b")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("b")).isEqualTo("hunter3");
        }
      }
    });
    List<String> texts = spans.stream().map(span -> attr(span, "db.query.text")).toList();
    assertThat(texts).hasSize(5).allSatisfy(text -> assertThat(text).doesNotContain("hunter"));
    assertThat(texts.get(2)).isEqualTo("SELECT ?");
    assertThat(spans.get(2).getName()).isEqualTo("SELECT");
  }

  @Test
  void postgresqlLiteralsAreHidden() throws Exception {
    List<SpanData> spans = inTrace(() -> {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery(
            "SELECT $$it's a secret$$ AS a, $tag$ also 'secret' $$ $tag$ AS b, E'esc\\'aped secret' AS c,"
                + " '2024-01-31'::date + INTERVAL '1 day' AS d, B'1010' AS e, X'1F' AS f, -1.5e3 AS g")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("a")).isEqualTo("it's a secret");
          assertThat(rs.getString("b")).isEqualTo(" also 'secret' $$ ");
          assertThat(rs.getString("c")).isEqualTo("esc'aped secret");
          assertThat(rs.getDouble("g")).isEqualTo(-1500.0);
        }
        s.execute("CREATE OR REPLACE FUNCTION add_interest(rate NUMERIC) RETURNS void AS $body$"
            + " BEGIN UPDATE accounts SET balance = balance * (1 + rate) WHERE owner <> 'secret owner'; END"
            + " $body$ LANGUAGE plpgsql");
      }
    });
    assertThat(attr(spans.get(0), "db.query.text")).isEqualTo(
        "SELECT ? AS a, ? AS b, ? AS c, ?::date + ? AS d, ? AS e, ? AS f, ? AS g");
    assertThat(attr(spans.get(1), "db.query.text")).isEqualTo(
        "CREATE OR REPLACE FUNCTION add_interest(rate NUMERIC) RETURNS void AS ? LANGUAGE plpgsql");
    assertThat(spans.get(1).getName()).isEqualTo("CREATE FUNCTION add_interest");
    assertThat(spans).allSatisfy(span -> assertThat(attr(span, "db.query.text")).doesNotContain("secret"));
  }

  @Test
  void errorsCarryTheSqlState() throws Exception {
    SQLException[] thrown = new SQLException[2];
    List<SpanData> spans = inTrace(() -> {
      try (Connection c = ds.getConnection()) {
        try (Statement s = c.createStatement()) {
          s.executeQuery("SELECT * FROM no_such_table WHERE x = 'secret'");
        } catch (SQLException e) {
          thrown[0] = e;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO accounts (id, owner) VALUES (?, ?)")) {
          p.setInt(1, 7);
          p.setString(2, "first");
          p.executeUpdate();
          p.setString(2, "second");
          p.executeUpdate();
        } catch (SQLException e) {
          thrown[1] = e;
        }
      }
    });
    assertThat((Throwable) thrown[0]).isInstanceOf(PSQLException.class);
    assertThat(thrown[0].getSQLState()).isEqualTo("42P01");
    assertThat(thrown[1].getSQLState()).isEqualTo("23505");
    assertThat(spans).hasSize(3);
    SpanData missing = spans.get(0);
    assertThat(missing.getName()).isEqualTo("SELECT no_such_table");
    assertThat(attr(missing, "db.response.status_code")).isEqualTo("42P01");
    assertThat(attr(missing, "error.type")).isEqualTo("42P01");
    assertThat(missing.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(missing.getEvents()).singleElement().satisfies(event -> assertThat(
        event.getAttributes().get(AttributeKey.stringKey("exception.type"))).isEqualTo(PSQLException.class.getName()));
    assertThat(spans.get(1).getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(attr(spans.get(2), "db.response.status_code")).isEqualTo("23505");
    assertThat(attr(spans.get(2), "db.query.text")).isEqualTo("INSERT INTO accounts (id, owner) VALUES (?, ?)");
  }

  @Test
  void batchesAndCalls() throws Exception {
    List<SpanData> spans = inTrace(() -> {
      try (Connection c = ds.getConnection()) {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO accounts (id, owner) VALUES (?, ?)")) {
          for (int i = 0; i < 5; i++) {
            p.setInt(1, i);
            p.setString(2, "owner " + i);
            p.addBatch();
          }
          p.executeBatch();
        }
        try (CallableStatement call = c.prepareCall("{? = call upper(?)}")) {
          call.registerOutParameter(1, Types.VARCHAR);
          call.setString(2, "quiet");
          call.execute();
          assertThat(call.getString(1)).isEqualTo("QUIET");
        }
        assertThatThrownBy(() -> c.createStatement().execute("SELEC 1")).isInstanceOf(PSQLException.class);
      }
    });
    assertThat(spans).extracting(SpanData::getName).containsExactly("BATCH INSERT accounts", "call upper", "SELEC");
    assertThat(spans.get(0).getAttributes().get(AttributeKey.longKey("db.operation.batch.size"))).isEqualTo(5L);
    assertThat(attr(spans.get(1), "db.stored_procedure.name")).isEqualTo("upper");
    assertThat(attr(spans.get(2), "error.type")).isEqualTo("42601");
  }
}
