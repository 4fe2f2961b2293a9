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

  /**
   * Every dialect, under every reading its uncertain rules allow (backslash escapes on and off, {@code "..."} a
   * string or a name, comments nesting or not, brackets, {@code #} comments, dollar quotes, q-quotes): a
   * statement written for that reading, its literals escaped as that reading wants, keeps none of them.
   */
  @Test
  void noLiteralSurvivesInAnyDialectUnderAnyReading() {
    Random random = new Random(SEED + 1);
    List<String> leaks = new ArrayList<>();
    int checked = 0;
    for (SqlSanitizer dialect : DIALECTS) {
      List<Reading> readings = readingsOf(dialect);
      for (int i = 0; i < TRIES && leaks.size() < 10; i++) {
        Reading reading = readings.get(random.nextInt(readings.size()));
        List<Literal> literals = new ArrayList<>();
        String sql = statement(random, literals, reading);
        SqlInfo info = dialect.sanitize(sql);
        for (Literal literal : literals) {
          if (info.queryText.contains(literal.secret) || String.valueOf(info.summary).contains(literal.secret)) {
            leaks.add(dialect + " " + reading + ": " + sql + "  ->  " + info.queryText + "  |  " + info.summary);
          }
        }
        checked++;
      }
    }
    assertThat(leaks).as("literals that survived (seed %d)", SEED + 1).isEmpty();
    assertThat(checked).isEqualTo(DIALECTS.size() * TRIES);
  }

  static final List<SqlSanitizer> DIALECTS = List.of(SqlSanitizer.STANDARD, SqlSanitizer.POSTGRESQL,
      SqlSanitizer.MYSQL, SqlSanitizer.SQL_SERVER, SqlSanitizer.SYBASE, SqlSanitizer.ORACLE, SqlSanitizer.DB2,
      SqlSanitizer.SQLITE, SqlSanitizer.FIREBIRD, SqlSanitizer.INFORMIX, SqlSanitizer.CLICKHOUSE,
      SqlSanitizer.UNKNOWN);

  /**
   * What the databases of each dialect may do, written here apart from the dialects themselves so that a wrong
   * rule there is caught (T: the rule holds in some setting, F: it fails in some setting, TF: either). Backslash
   * escapes, "string", [name], # comments, nested comments, $$string$$, q'[..]'.
   */
  static List<Reading> readingsOf(SqlSanitizer d) {
    String facts;
    if (d == SqlSanitizer.STANDARD) {
      facts = "F F F F TF TF F"; // H2 has $$..$$, HSQLDB and Derby do not; nesting varies
    } else if (d == SqlSanitizer.POSTGRESQL) {
      facts = "TF F F F T T F"; // standard_conforming_strings
    } else if (d == SqlSanitizer.MYSQL) {
      facts = "TF TF F T F F F"; // NO_BACKSLASH_ESCAPES, ANSI_QUOTES
    } else if (d == SqlSanitizer.SQL_SERVER) {
      facts = "F TF T F T F F"; // QUOTED_IDENTIFIER
    } else if (d == SqlSanitizer.SYBASE) {
      facts = "F TF T F TF F F";
    } else if (d == SqlSanitizer.ORACLE) {
      facts = "F F F F F F T";
    } else if (d == SqlSanitizer.DB2) {
      facts = "TF F F F TF F F"; // Db2 for i
    } else if (d == SqlSanitizer.SQLITE) {
      facts = "F TF T F F F F";
    } else if (d == SqlSanitizer.FIREBIRD) {
      facts = "F TF F F TF F F"; // dialect 1
    } else if (d == SqlSanitizer.INFORMIX) {
      facts = "TF TF F F TF F F"; // DELIMIDENT
    } else if (d == SqlSanitizer.CLICKHOUSE) {
      facts = "T F F TF TF TF F";
    } else {
      facts = "TF TF TF TF TF TF TF";
    }
    String[] f = facts.split(" ");
    List<Reading> all = new ArrayList<>();
    for (boolean backslash : ways(f[0])) {
      for (boolean dq : ways(f[1])) {
        for (boolean brackets : ways(f[2])) {
          for (boolean hash : ways(f[3])) {
            for (boolean nested : ways(f[4])) {
              for (boolean dollar : ways(f[5])) {
                for (boolean q : ways(f[6])) {
                  all.add(new Reading(backslash, dq, brackets, hash, nested, dollar, q,
                      d == SqlSanitizer.POSTGRESQL));
                }
              }
            }
          }
        }
      }
    }
    return all;
  }

  private static List<Boolean> ways(String fact) {
    return fact.equals("TF") ? List.of(true, false) : List.of(fact.equals("T"));
  }

  /** One way a database may read the text. */
  record Reading(boolean backslash, boolean doubleQuotedStrings, boolean brackets, boolean hashComments,
      boolean nestedComments, boolean dollarQuotes, boolean oracleQuotes, boolean postgres) {}

  /** A statement of the common shapes, or of one that only this reading makes (brackets, nested comments...). */
  static String statement(Random r, List<Literal> literals, Reading reading) {
    List<String> own = new ArrayList<>();
    if (reading.brackets) {
      own.add("SELECT [a]]'b] FROM t WHERE x = %s");
      own.add("SELECT [it's] FROM [Order Details] WHERE y IN (%s, %s)");
    }
    if (reading.hashComments) {
      own.add("SELECT a FROM t # it's a note\n WHERE b = %s");
      own.add("SELECT a#, 'x\n, %s");
    }
    if (reading.nestedComments) {
      own.add("SELECT /* a /* it's */ 'b */ %s");
      own.add("/* /* */ */ SELECT %s");
    } else {
      own.add("SELECT /* a /* it's */ %s");
    }
    if (reading.dollarQuotes) {
      own.add("SELECT $$ it's $$, %s");
    }
    if (reading.doubleQuotedStrings) {
      own.add("SELECT \"it's\", %s");
    } else {
      own.add("SELECT \"it's\" FROM t WHERE a = %s");
    }
    if (reading.backslash) {
      own.add("SELECT 'It\\'s' AS p, %s");
    } else {
      own.add("SELECT 'C:\\' AS p, %s");
    }
    if (r.nextInt(3) == 0) {
      return fill(own.get(r.nextInt(own.size())), r, literals, reading);
    }
    return fill(SHAPES[r.nextInt(SHAPES.length)], r, literals, reading);
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

  static final String[] SHAPES = {
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

  static String statement(Random r, List<Literal> literals) {
    return fill(SHAPES[r.nextInt(SHAPES.length)], r, literals, null);
  }

  /** The shape with each %s replaced by a literal for the reading (null: H2's). */
  static String fill(String shape, Random r, List<Literal> literals, Reading reading) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (int at = shape.indexOf("%s"); at >= 0; at = shape.indexOf("%s", from)) {
      out.append(shape, from, at);
      Literal literal = reading == null ? literal(r) : literal(r, reading);
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

  /** A literal as the reading writes it: escapes only where it has them, strings in double quotes where it does. */
  static Literal literal(Random r, Reading reading) {
    String secret = "Zq" + Long.toString(Math.abs(r.nextLong() % 1_000_000_000L), 36) + "Xk";
    switch (r.nextInt(12)) {
      case 0: return reading.backslash
          ? new Literal("'It\\'s " + secret + "'", secret)
          : new Literal("'" + secret + " C:\\'", secret);
      case 1: return new Literal("'" + secret + " C:\\\\'", secret); // two backslashes: one in either reading
      case 2: return reading.backslash
          ? new Literal("'a\\\\\\'" + secret + "\\\\'", secret)
          : new Literal("'a\\''" + secret + "\\'", secret);
      case 3: return reading.doubleQuotedStrings
          ? new Literal("\"" + secret + "\"", secret)
          : new Literal("'" + secret + "'", secret);
      case 4: return reading.doubleQuotedStrings
          ? new Literal(reading.backslash ? "\"a\\\"" + secret + "\"" : "\"a\"\"" + secret + "\"", secret)
          : new Literal("N'" + secret + "'", secret);
      case 5: return reading.dollarQuotes
          ? new Literal("$$" + secret + " 'x' \\ $$", secret)
          : new Literal("'" + secret + "'", secret);
      case 6: return reading.oracleQuotes
          ? new Literal("q'[it's " + secret + "]'", secret)
          : new Literal("'" + secret + "'", secret);
      case 7: return reading.postgres
          ? new Literal("E'it\\'s " + secret + "'", secret)
          : new Literal("'" + secret + "'", secret);
      case 8: return reading.doubleQuotedStrings
          ? new Literal("_utf8mb4\"" + secret + "\"", secret)
          : new Literal("_utf8mb4'" + secret + "'", secret);
      default:
        Literal common;
        do {
          common = literal(r);
        } while (!fits(common, reading));
        return common;
    }
  }

  /** Whether H2's literal is one in this reading too. */
  private static boolean fits(Literal literal, Reading reading) {
    return (reading.dollarQuotes || !literal.sql.startsWith("$"))
        && (reading.postgres || !literal.sql.startsWith("E'"))
        && !(reading.backslash && literal.sql.endsWith("\\'"));
  }
}
