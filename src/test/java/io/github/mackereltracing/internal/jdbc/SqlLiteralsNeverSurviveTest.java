package io.github.mackereltracing.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever literal a statement carries (strings with quotes and escapes, national, escape, hex,
 * bit and Unicode strings, dollar quotes, numbers in every notation, dates), in whatever shape of SQL
 * (queries, DML, IN lists, CASE, calls, comments, CTEs, several statements), none of it survives in what a
 * span carries. Statements run through the real traced DataSource on H2, most of them failing (they are
 * generated, not valid): so the error the span records is checked too, not only {@code db.query.text}.
 * Seeded ({@code -Dreliability.sql.seed}), {@code -Dreliability.sql.tries} statements (default 2,000).
 */
class SqlLiteralsNeverSurviveTest {
  static final long SEED = Long.getLong("reliability.sql.seed", 4242L);
  static final int TRIES = Integer.getInteger("reliability.sql.tries", 2000);
  static final AttributeKey<String> QUERY_TEXT = AttributeKey.stringKey("db.query.text");

  /** A literal and the secret inside it that must not survive. */
  record Literal(String sql, String secret) {}

  @Test
  void noLiteralSurvivesInAnySpanThroughTheTracedDataSource() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    Tracer tracer = provider.get("test");
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:literals;DB_CLOSE_DELAY=-1");
    DataSource traced = TracingDataSource.create(h2, JdbcTelemetry.create(tracer, true, false, false));
    try (Connection setup = h2.getConnection(); Statement s = setup.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS t (a VARCHAR(100), b INT, c VARCHAR(100))");
    }
    Random random = new Random(SEED);
    List<String> leaks = new ArrayList<>();
    int failed = 0;
    try (Connection c = traced.getConnection(); Statement st = c.createStatement()) {
      for (int i = 0; i < TRIES && leaks.size() < 10; i++) {
        List<Literal> literals = new ArrayList<>();
        String sql = statement(random, literals);
        exporter.reset();
        Span parent = tracer.spanBuilder("request").startSpan();
        try (Scope ignored = parent.makeCurrent()) {
          st.execute(sql);
        } catch (SQLException expected) {
          failed++;
        } finally {
          parent.end();
        }
        for (SpanData span : exporter.getFinishedSpanItems()) {
          if (span.getName().equals("request")) {
            continue;
          }
          String carried = everything(span);
          for (Literal literal : literals) {
            if (carried.contains(literal.secret)) {
              leaks.add(sql + "\n    -> " + span.getAttributes().get(QUERY_TEXT) + "\n    span: " + carried);
            }
          }
          assertThat(span.getAttributes().get(QUERY_TEXT)).as(sql).isNotNull();
        }
      }
    } finally {
      provider.close();
    }
    assertThat(leaks).as("literals that survived (seed %d)", SEED).isEmpty();
    assertThat(failed).as("statements H2 refused, whose errors were checked too").isPositive();
  }

  /** MySQL's and SQL Server's quoting, through their sanitizers. */
  @Test
  void noLiteralSurvivesInTheOtherDialects() {
    Random random = new Random(SEED + 1);
    List<String> leaks = new ArrayList<>();
    for (int i = 0; i < TRIES; i++) {
      List<Literal> literals = new ArrayList<>();
      String sql = statement(random, literals);
      for (SqlSanitizer dialect : List.of(SqlSanitizer.SQL_SERVER, SqlSanitizer.MYSQL)) {
        if (dialect == SqlSanitizer.MYSQL && sql.contains("\\")) {
          continue; // backslash escapes make standard literals with backslashes into other tokens
        }
        String text = dialect.sanitize(sql).queryText;
        for (Literal literal : literals) {
          if (text.contains(literal.secret) && !(dialect == SqlSanitizer.MYSQL && literal.sql.startsWith("$"))) {
            leaks.add(sql + "  ->  " + text);
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  /** Everything a span carries that a user or Mackerel would see. */
  private static String everything(SpanData span) {
    StringBuilder all = new StringBuilder(span.getName()).append(' ').append(span.getAttributes())
        .append(' ').append(span.getStatus().getDescription());
    for (EventData event : span.getEvents()) {
      all.append(' ').append(event.getName()).append(' ').append(event.getAttributes());
    }
    return all.toString();
  }

  static String statement(Random r, List<Literal> literals) {
    String[] shapes = {
        "SELECT * FROM t WHERE a = %s",
        "SELECT %s, %s FROM t",
        "SELECT * FROM t WHERE b IN (%s, %s, %s) AND c NOT IN (%s)",
        "INSERT INTO t (a, b, c) VALUES (%s, %s, ?)",
        "INSERT INTO t VALUES (%s, %s, %s), (%s, ?, %s)",
        "UPDATE t SET a = %s /* it's a 'comment' */ WHERE b = %s -- and 'this'\n AND c = %s",
        "DELETE FROM t WHERE a LIKE %s ESCAPE '!' OR b BETWEEN %s AND %s",
        "SELECT CASE WHEN b > %s THEN %s ELSE %s END FROM t",
        "SELECT f(%s, g(%s)) || %s FROM t AS x JOIN u ON x.a = u.a",
        "WITH q AS (SELECT %s AS v) SELECT * FROM q WHERE v <> %s",
        "{call p(%s, ?, %s)}",
        "{? = call f(%s)}",
        "SELECT * FROM t WHERE a = %s; SELECT %s",
        "SELECT * FROM t WHERE (a, b) IN ((%s, %s), (%s, %s))",
        "SELECT * FROM t WHERE a=%s AND b<>%s OR c>=%s",
        "MERGE INTO t USING (SELECT %s AS a) s ON t.a = s.a WHEN MATCHED THEN UPDATE SET b = %s",
        "SELECT * FROM \"My Table\" WHERE \"col\" = %s",
        "/*+ hint */ SELECT * FROM t WHERE a = %s",
    };
    String shape = shapes[r.nextInt(shapes.length)];
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (int at = shape.indexOf("%s"); at >= 0; at = shape.indexOf("%s", from)) {
      out.append(shape, from, at);
      Literal literal = literal(r);
      literals.add(literal);
      out.append(literal.sql);
      from = at + 2;
    }
    out.append(shape.substring(from));
    return out.toString();
  }

  static Literal literal(Random r) {
    String secret = "Zq" + Long.toString(Math.abs(r.nextLong() % 1_000_000_000L), 36) + "Xk";
    String digits = Long.toString(1_000_000L + Math.abs(r.nextLong() % 9_000_000_000L));
    String hex = Long.toHexString(0x10000000L + Math.abs(r.nextLong() % 0xF0000000L)).toUpperCase();
    switch (r.nextInt(17)) {
      case 0: return new Literal("'" + secret + "'", secret);
      case 1: return new Literal("'it''s " + secret + " ''quoted'''", secret);
      case 2: return new Literal("'" + secret + "\\'", secret); // standard SQL: the backslash is a character
      case 3: return new Literal("N'" + secret + "'", secret);
      case 4: return new Literal("E'" + secret + "\\'s'", secret);
      case 5: return new Literal("X'" + hex + "'", hex);
      case 6: return new Literal("U&'" + secret + "\\0061'", secret);
      case 7: return new Literal("$$" + secret + " 'x' $$", secret);
      case 8: return new Literal("$tag$" + secret + " $$ $tag$", secret);
      case 9: return new Literal(digits, digits);
      case 10: return new Literal("-" + digits, digits);
      case 11: return new Literal(digits.substring(0, 3) + "." + digits.substring(3) + "e-7", digits.substring(3));
      case 12: return new Literal("0x" + hex, hex);
      case 13: return new Literal("'山田" + secret + "😀'", secret);
      case 14: return new Literal("DATE '19" + digits.substring(0, 2) + "-0" + (1 + r.nextInt(9)) + "-1"
          + r.nextInt(10) + "'", "19" + digits.substring(0, 2) + "-0");
      case 15: return new Literal("'" + secret + "\n" + "second line'", secret);
      default: return new Literal("." + digits, digits);
    }
  }
}
