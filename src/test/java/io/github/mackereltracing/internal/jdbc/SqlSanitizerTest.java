package io.github.mackereltracing.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlSanitizerTest {
  private static final SqlSanitizer STANDARD = SqlSanitizer.STANDARD;
  private static final SqlSanitizer MYSQL = SqlSanitizer.MYSQL;

  /** SQL, what db.query.text must be, and the span name (db.query.summary). */
  static Stream<Arguments> standard() {
    return Stream.of(
        // strings
        row("SELECT * FROM people WHERE name = 'alice'", "SELECT * FROM people WHERE name = ?", "SELECT people"),
        row("SELECT * FROM people WHERE name = 'O''Brien' AND x = 1", "SELECT * FROM people WHERE name = ? AND x = ?",
            "SELECT people"),
        row("SELECT 'a''''b', '''', ''", "SELECT ?, ?, ?", "SELECT"),
        row("SELECT * FROM t WHERE path = 'C:\\' AND note = 'secret'", "SELECT * FROM t WHERE path = ? AND note = ?",
            "SELECT t"),
        row("SELECT N'unicode', X'CAFE', x'00', B'0101', U&'d\\0061t'", "SELECT ?, ?, ?, ?, ?", "SELECT"),
        // numbers
        row("UPDATE accounts SET balance = -12.50, rate = 1.5e-3, big = 6.02E23, h = 0xDEADBEEF WHERE id = 42",
            "UPDATE accounts SET balance = ?, rate = ?, big = ?, h = ? WHERE id = ?", "UPDATE accounts"),
        row("SELECT a-1, b - 2, (3)-4, .5, 5. FROM t", "SELECT a-?, b - ?, (?)-?, ?, ? FROM t", "SELECT t"),
        row("SELECT * FROM t WHERE x = +7 OR y = -.25", "SELECT * FROM t WHERE x = ? OR y = ?", "SELECT t"),
        row("SELECT t1.c2, col3 FROM t1", "SELECT t1.c2, col3 FROM t1", "SELECT t1"),
        // dates, booleans
        row("SELECT * FROM events WHERE day >= DATE '2024-01-31' AND at < TIMESTAMP '2024-02-01 10:00:00'"
                + " AND d > INTERVAL '1' DAY", "SELECT * FROM events WHERE day >= ? AND at < ? AND d > ? DAY",
            "SELECT events"),
        row("UPDATE users SET active = TRUE, admin = false WHERE locked IS NOT TRUE AND x IS FALSE",
            "UPDATE users SET active = ?, admin = ? WHERE locked IS NOT TRUE AND x IS FALSE", "UPDATE users"),
        row("SELECT {d '2024-01-01'}, {ts '2024-01-01 00:00:00'} FROM t", "SELECT {d ?}, {ts ?} FROM t", "SELECT t"),
        // identifiers are not literals
        row("SELECT \"secret column\", `x` FROM \"My Table\" WHERE \"a\"\"b\" = 'v'",
            "SELECT \"secret column\", `x` FROM \"My Table\" WHERE \"a\"\"b\" = ?", "SELECT \"My Table\""),
        row("SELECT * FROM public.people p WHERE p.id = 1", "SELECT * FROM public.people p WHERE p.id = ?",
            "SELECT public.people"),
        row("SELECT * FROM \"s\".\"t\"", "SELECT * FROM \"s\".\"t\"", "SELECT \"s\".\"t\""),
        // comments keep their place, quotes in them do not confuse the scan
        row("SELECT /* it's a comment with 'quotes' */ name FROM t -- don't\nWHERE x = 'v'",
            "SELECT /* it's a comment with 'quotes' */ name FROM t -- don't\nWHERE x = ?", "SELECT t"),
        row("/*+ INDEX(t idx) */ SELECT 1", "/*+ INDEX(t idx) */ SELECT ?", "SELECT"),
        row("SELECT 1 /* never closed 'secret'", "SELECT ? ?", "SELECT"),
        row("SELECT 'never closed, secret", "SELECT ?", "SELECT"),
        // nested quotes
        row("SELECT '\"not an identifier\"', \"it's\" FROM t", "SELECT ?, \"it's\" FROM t", "SELECT t"),
        // Unicode
        row("SELECT 名前 FROM 社員 WHERE 名前 = '山田' AND emoji = '😀'", "SELECT 名前 FROM 社員 WHERE 名前 = ? AND emoji = ?",
            "SELECT 社員"),
        row("SELECT * FROM t WHERE a = 'é' AND b = 'ß'", "SELECT * FROM t WHERE a = ? AND b = ?", "SELECT t"),
        // dollar quotes: H2 has $$, Derby and HSQLDB do not; a quote inside one drops the rest
        row("SELECT $$secret$$, $tag$ nested $tag$, $1 FROM t", "SELECT ?, ?, $? FROM t", "SELECT t"),
        row("SELECT $$it's a secret$$, 1 FROM t", "SELECT ?", "SELECT"),
        row("DO $body$ BEGIN RAISE NOTICE 'secret'; END $body$", "DO ?", "DO"),
        row("SELECT $never closed 'x'", "SELECT $never closed ?", "SELECT"),
        // IN lists
        row("SELECT * FROM t WHERE id IN (1, 2, 3) AND name NOT IN ('a','b')",
            "SELECT * FROM t WHERE id IN (?) AND name NOT IN (?)", "SELECT t"),
        row("SELECT * FROM t WHERE id IN (?, ?, ?)", "SELECT * FROM t WHERE id IN (?)", "SELECT t"),
        row("SELECT * FROM t WHERE id in ( -1 , 2.5 )", "SELECT * FROM t WHERE id in (?)", "SELECT t"),
        row("SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE k IN (1,2))",
            "SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE k IN (?))", "SELECT t SELECT u"),
        row("SELECT * FROM t WHERE (a, b) IN ((1, 2), (3, 4))", "SELECT * FROM t WHERE (a, b) IN ((?, ?), (?, ?))",
            "SELECT t"),
        // placeholders stay
        row("INSERT INTO people (id, name) VALUES (?, ?)", "INSERT INTO people (id, name) VALUES (?, ?)",
            "INSERT people"),
        row("insert into people(id) values (1)", "insert into people(id) values (?)", "insert people"),
        // summaries
        row("SELECT a.x, b.y FROM a JOIN b ON a.id = b.id LEFT OUTER JOIN c USING (id)",
            "SELECT a.x, b.y FROM a JOIN b ON a.id = b.id LEFT OUTER JOIN c USING (id)", "SELECT a b c"),
        row("SELECT * FROM songs, artists AS ar WHERE songs.artist_id = ar.id",
            "SELECT * FROM songs, artists AS ar WHERE songs.artist_id = ar.id", "SELECT songs artists"),
        row("SELECT order_date FROM (SELECT * FROM orders o JOIN customers c ON o.c = c.id)",
            "SELECT order_date FROM (SELECT * FROM orders o JOIN customers c ON o.c = c.id)",
            "SELECT SELECT orders customers"),
        row("INSERT INTO shipping_details (order_id, address) SELECT order_id, address FROM orders WHERE id = 7",
            "INSERT INTO shipping_details (order_id, address) SELECT order_id, address FROM orders WHERE id = ?",
            "INSERT shipping_details SELECT orders"),
        row("DELETE FROM sessions WHERE expires < 1700000000", "DELETE FROM sessions WHERE expires < ?",
            "DELETE sessions"),
        row("SELECT EXTRACT(YEAR FROM created) FROM t", "SELECT EXTRACT(YEAR FROM created) FROM t", "SELECT t"),
        row("SELECT * FROM t FOR UPDATE", "SELECT * FROM t FOR UPDATE", "SELECT t"),
        row("MERGE INTO target t USING source s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = 1"
                + " WHEN NOT MATCHED THEN INSERT (id) VALUES (2)",
            "MERGE INTO target t USING source s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = ?"
                + " WHEN NOT MATCHED THEN INSERT (id) VALUES (?)", "MERGE target source"),
        row("WITH recent AS (SELECT * FROM orders) SELECT count(*) FROM recent",
            "WITH recent AS (SELECT * FROM orders) SELECT count(*) FROM recent", "SELECT orders SELECT recent"),
        row("SELECT * FROM generate_series(1, 10) g", "SELECT * FROM generate_series(?, ?) g", "SELECT"),
        row("{call update_stock(?, 5)}", "{call update_stock(?, ?)}", "call update_stock"),
        row("{? = call next_id('orders')}", "{? = call next_id(?)}", "call next_id"),
        row("CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(100) DEFAULT 'x')",
            "CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(?) DEFAULT ?)", "CREATE TABLE people"),
        row("DROP TABLE IF EXISTS people", "DROP TABLE IF EXISTS people", "DROP TABLE people"),
        row("CREATE OR REPLACE VIEW v AS SELECT * FROM t", "CREATE OR REPLACE VIEW v AS SELECT * FROM t",
            "CREATE VIEW v SELECT t"),
        row("TRUNCATE sessions", "TRUNCATE sessions", "TRUNCATE sessions"),
        row("SET search_path TO 'app'", "SET search_path TO ?", "SET"),
        row("SELECT 1; SELECT 2 FROM dual", "SELECT ?; SELECT ? FROM dual", "SELECT SELECT dual"),
        row("select * from People where id=1", "select * from People where id=?", "select People"),
        // odd input never throws
        row("", null, null),
        row("'", "?", null),
        row("\"", "?", null),
        row("))) ((( ,,, ;;;", "))) ((( ,,, ;;;", null),
        row("SELECT * FROM", "SELECT * FROM", "SELECT"),
        row("IN (", "IN (", "IN"));
  }

  private static Arguments row(String sql, String text, String summary) {
    return Arguments.of(sql, text, summary);
  }

  @ParameterizedTest
  @MethodSource("standard")
  void sanitizesAndSummarizes(String sql, String text, String summary) {
    SqlInfo info = STANDARD.sanitize(sql);
    assertThat(info.queryText).as("text of %s", sql).isEqualTo(text);
    assertThat(info.summary).as("summary of %s", sql).isEqualTo(summary);
  }

  @Test
  void simpleStatementsNameOperationAndTable() {
    SqlInfo select = STANDARD.sanitize("SELECT * FROM people WHERE id = ?");
    assertThat(select.operationName).isEqualTo("SELECT");
    assertThat(select.collectionName).isEqualTo("people");
    assertThat(select.storedProcedureName).isNull();

    SqlInfo join = STANDARD.sanitize("SELECT * FROM a JOIN b ON a.id = b.id");
    assertThat(join.operationName).isEqualTo("SELECT");
    assertThat(join.collectionName).as("two tables: none is the collection").isNull();

    SqlInfo nested = STANDARD.sanitize("INSERT INTO a SELECT * FROM b");
    assertThat(nested.operationName).as("two operations: none is the operation").isNull();
    assertThat(nested.collectionName).isNull();

    SqlInfo call = STANDARD.sanitize("{call app.refresh(?)}");
    assertThat(call.operationName).isEqualTo("call");
    assertThat(call.storedProcedureName).isEqualTo("app.refresh");
    assertThat(call.collectionName).isNull();
  }

  @Test
  void mysqlQuotingDiffers() {
    // Double quotes are strings (unless ANSI_QUOTES), hidden either way; # starts a comment.
    SqlInfo info = MYSQL.sanitize("SELECT * FROM t WHERE a = 'it''s secret' AND b = \"also secret\" # note 'x'");
    assertThat(info.queryText).isEqualTo("SELECT * FROM t WHERE a = ? AND b = ? # note 'x'");
    // A backslash escapes the quote, unless NO_BACKSLASH_ESCAPES: the two readings end the string apart.
    assertThat(MYSQL.sanitize("SELECT * FROM t WHERE a = 'it\\'s secret' AND b = 1").queryText)
        .isEqualTo("SELECT * FROM t WHERE a = ?");
    // ...but where they agree, nothing is lost.
    assertThat(MYSQL.sanitize("SELECT 'C:\\\\temp' AS p, 'x\\ny' FROM t").queryText).isEqualTo("SELECT ? AS p, ? FROM t");
    assertThat(MYSQL.sanitize("SELECT 5--1").queryText).isEqualTo("SELECT ?-?");
    assertThat(MYSQL.sanitize("SELECT 5 -- 1").queryText).isEqualTo("SELECT ? -- 1");
    assertThat(MYSQL.sanitize("/*!40101 SET NAMES 'utf8' */").queryText).isEqualTo("/*!40101 SET NAMES ? */");
    assertThat(MYSQL.sanitize("SELECT _utf8mb4'secret', `col` FROM t").queryText)
        .isEqualTo("SELECT ?, `col` FROM t");
    // The same text in standard SQL: the backslash is a plain character and the string ends at the quote.
    assertThat(STANDARD.sanitize("SELECT 'C:\\' AS p, 'secret' AS s").queryText).isEqualTo("SELECT ? AS p, ? AS s");
  }

  /** Dialect, SQL, what db.query.text must be, and the summary: what each dialect keeps, and where it drops. */
  static Stream<Arguments> dialects() {
    SqlSanitizer pg = SqlSanitizer.POSTGRESQL;
    SqlSanitizer mssql = SqlSanitizer.SQL_SERVER;
    SqlSanitizer oracle = SqlSanitizer.ORACLE;
    SqlSanitizer unknown = SqlSanitizer.UNKNOWN;
    return Stream.of(
        Arguments.of(pg, "SELECT E'it\\'s secret', $$it's$$, $tag$ $$ 'x' $tag$, $1 FROM t",
            "SELECT ?, ?, ?, $? FROM t", "SELECT t"),
        // standard_conforming_strings off: 'C:\' goes on; on: it ends. Either way the rest may be a literal.
        Arguments.of(pg, "SELECT * FROM t WHERE p = 'C:\\' AND q = 'secret'", "SELECT * FROM t WHERE p = ?",
            "SELECT t"),
        Arguments.of(pg, "SELECT 'C:\\\\temp' AS p, 'x' FROM t", "SELECT ? AS p, ? FROM t", "SELECT t"),
        Arguments.of(pg, "SELECT /* a /* b */ 'c' */ 1 FROM t", "SELECT /* a /* b */ 'c' */ ? FROM t", "SELECT t"),
        Arguments.of(pg, "SELECT 1 /* a /* b */ FROM t", "SELECT ? ?", "SELECT"),
        Arguments.of(MYSQL, "SELECT * FROM \"orders\" WHERE \"id\" = 1", "SELECT * FROM ? WHERE ? = ?",
            "SELECT \"orders\""),
        Arguments.of(MYSQL, "SELECT a#, 'x\n, 'secret'", "SELECT a#, 'x\n, ?", "SELECT"),
        Arguments.of(MYSQL, "SELECT $$ 'a $$ secret ', 1", "SELECT ?", "SELECT"),
        Arguments.of(mssql, "SELECT [a]]'b] FROM [Order Details] WHERE x = 'v'",
            "SELECT [a]]'b] FROM [Order Details] WHERE x = ?", "SELECT [Order Details]"),
        Arguments.of(mssql, "SELECT \"col\" FROM \"dbo\".\"Orders\" WHERE a = N'v'", "SELECT ? FROM ?.? WHERE a = ?",
            "SELECT \"dbo\".\"Orders\""),
        Arguments.of(mssql, "SELECT [never closed, 'secret'", "SELECT ?", "SELECT"),
        Arguments.of(oracle, "SELECT q'[it's]', 'C:\\' FROM dual", "SELECT ?, ? FROM dual", "SELECT dual"),
        Arguments.of(oracle, "SELECT \"Name\" FROM \"People\"", "SELECT \"Name\" FROM \"People\"",
            "SELECT \"People\""),
        Arguments.of(STANDARD, "SELECT 'C:\\', 'x' FROM \"T\"", "SELECT ?, ? FROM \"T\"", "SELECT \"T\""),
        Arguments.of(unknown, "SELECT \"a\", [b], c FROM t WHERE d = 1", "SELECT ?, ?, c FROM t WHERE d = ?",
            "SELECT t"),
        Arguments.of(unknown, "SELECT * FROM t # note\n WHERE a = 1", "SELECT * FROM t ?\n WHERE a = ?", "SELECT t"),
        Arguments.of(unknown, "SELECT * FROM t # it's\n WHERE a = 1", "SELECT * FROM t ?", "SELECT t"),
        Arguments.of(unknown, "SELECT ARRAY['a'], 2", "SELECT ARRAY?", "SELECT"),
        // password clauses, where the secret need not be quoted
        Arguments.of(STANDARD, "CREATE USER u PASSWORD Secret1", "CREATE USER u PASSWORD ?", "CREATE USER u"),
        Arguments.of(STANDARD, "CREATE USER password PASSWORD Secret1", "CREATE USER password PASSWORD ?",
            "CREATE USER password"),
        Arguments.of(oracle, "ALTER USER u IDENTIFIED BY Secret1 REPLACE Old1", "ALTER USER u IDENTIFIED BY ?",
            "ALTER USER u"),
        Arguments.of(MYSQL, "SELECT 1; GRANT ALL ON db.* TO u IDENTIFIED BY Secret1",
            "SELECT ?; GRANT ALL ON db.* TO u IDENTIFIED BY ?", "SELECT"),
        Arguments.of(STANDARD, "CONNECT u PASSWORD Secret1", "CONNECT ?", "CONNECT"),
        Arguments.of(oracle, "ALTER USER u IDENTIFIED BY'", "ALTER USER u IDENTIFIED BY?", "ALTER USER u"),
        Arguments.of(unknown, "SELECT $$ it's $$, 1", "SELECT ?", "SELECT"),
        Arguments.of(pg, "ALTER ROLE app WITH PASSWORD 'x' VALID UNTIL 'infinity'", "ALTER ROLE app WITH PASSWORD ?",
            "ALTER ROLE app"),
        // ...and where PASSWORD is a name
        Arguments.of(STANDARD, "SELECT password FROM users WHERE id = 1", "SELECT password FROM users WHERE id = ?",
            "SELECT users"),
        Arguments.of(STANDARD, "UPDATE users SET password = ? WHERE id = ?",
            "UPDATE users SET password = ? WHERE id = ?", "UPDATE users"),
        Arguments.of(STANDARD, "CREATE TABLE users (password VARCHAR(100))", "CREATE TABLE users (password VARCHAR(?))",
            "CREATE TABLE users"),
        Arguments.of(STANDARD, "REVOKE ALL ON password FROM admin", "REVOKE ALL ON password FROM admin", "REVOKE"),
        Arguments.of(STANDARD, "SELECT 1 /* PASSWORD x */", "SELECT ? /* PASSWORD x */", "SELECT"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("dialects")
  void eachDialectKeepsWhatIsCertain(SqlSanitizer dialect, String sql, String text, String summary) {
    SqlInfo info = dialect.sanitize(sql);
    assertThat(info.queryText).as("text of %s", sql).isEqualTo(text);
    assertThat(info.summary).as("summary of %s", sql).isEqualTo(summary);
  }

  @Test
  void sqlServerBrackets() {
    SqlInfo info = SqlSanitizer.SQL_SERVER.sanitize("SELECT [order id] FROM [Order Details] WHERE [x'y] = N'v'");
    assertThat(info.queryText).isEqualTo("SELECT [order id] FROM [Order Details] WHERE [x'y] = ?");
    assertThat(info.summary).isEqualTo("SELECT [Order Details]");
  }

  @Test
  void veryLongStatementIsCutWithAMarkerAndNotCached() {
    StringBuilder sql = new StringBuilder("INSERT INTO big VALUES ");
    while (sql.length() < SqlScan.MAX_LENGTH * 3) {
      sql.append("('secret-value', 12345), ");
    }
    sql.append("('last', 1)");
    SqlInfo info = STANDARD.info(sql.toString());
    assertThat(info.queryText).startsWith("INSERT INTO big VALUES (?, ?), (?, ?)").endsWith(SqlScan.TRUNCATED);
    assertThat(info.queryText.length()).isLessThanOrEqualTo(SqlScan.MAX_LENGTH + SqlScan.TRUNCATED.length());
    assertThat(info.queryText).doesNotContain("secret").doesNotContain("12345");
    assertThat(info.summary).isEqualTo("INSERT big");

    // A literal cut in the middle is still hidden.
    String cut = "SELECT '" + "x".repeat(SqlScan.MAX_LENGTH) + "'";
    assertThat(STANDARD.sanitize(cut).queryText).isEqualTo("SELECT ?" + SqlScan.TRUNCATED);
  }

  @Test
  void hotStatementsComeFromTheCache() {
    String sql = "SELECT * FROM cached_table WHERE id = " + System.nanoTime();
    SqlInfo first = STANDARD.info(sql);
    assertThat(STANDARD.info(new String(sql))).isSameAs(first);
    String longSql = "SELECT '" + "y".repeat(SqlSanitizer.MAX_CACHED_LENGTH) + "'";
    assertThat(STANDARD.info(longSql)).isNotSameAs(STANDARD.info(longSql));
  }

  @Test
  void cacheIsBounded() {
    BoundedCache<String, String> cache = new BoundedCache<>(10);
    for (int i = 0; i < 1000; i++) {
      cache.put("k" + i, "v");
    }
    assertThat(cache.size()).isLessThanOrEqualTo(20);
    cache.put("hot", "v");
    for (int i = 0; i < 1000; i++) {
      cache.put("other" + i, "v");
      assertThat(cache.get("hot")).as("a used entry stays").isEqualTo("v");
    }
  }

  /** Whatever the input, the scan itself ends, never throws, and never returns more than it read. */
  @Test
  void oddInputNeverBreaksTheScan() {
    String alphabet = "'\"`$[]()?,;.-+*/\\#{}=!&|:_ \n\tabcEXBNQUqin0123456789é😀";
    Random random = new Random(42);
    for (SqlSanitizer dialect : SqlLiteralsNeverSurviveTest.DIALECTS) {
      for (int i = 0; i < 5_000; i++) {
        StringBuilder sql = new StringBuilder();
        int length = random.nextInt(i % 100 == 0 ? 5000 : 60);
        for (int j = 0; j < length; j++) {
          sql.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        SqlInfo info = new SqlScan(dialect, sql.toString()).run();
        assertThat(info.queryText).as("%s", sql).hasSizeLessThanOrEqualTo(sql.length());
        if (info.summary != null) {
          assertThat(info.summary).hasSizeLessThanOrEqualTo(SqlScan.MAX_SUMMARY);
        }
      }
    }
  }

  /**
   * Whatever the statement, none of the secret values in it survives: each secret is written as a
   * literal in one of the forms SQL has, inside statements of many shapes.
   */
  @Test
  void noLiteralSurvives() {
    List<String> literals = List.of(
        "'SECRET1'", "'SEC''RET2'", "N'SECRET3'", "E'SECRET4\\''", "X'5EC4E7'", "x'5ec4e7'", "B'1010101'",
        "$$SECRET5$$", "$q$SECRET6 'x' $q$", "DATE '1999-12-31'", "TIMESTAMP '1999-12-31 23:59:59'", "31415926",
        "-27182818", "3.14159e+10", "0xBADC0DE", ".0000271", "U&'SECRET7'", "q'<SECRET8>'", "TRUE", "'😀SECRET9'",
        "'山田SECRET10'");
    List<String> shapes = List.of(
        "SELECT * FROM t WHERE c = %s",
        "SELECT %s",
        "SELECT * FROM t WHERE c IN (%s, %s)",
        "INSERT INTO t (a, \"b c\") VALUES (%s, ?)",
        "UPDATE t SET a = %s /* it's */ WHERE b = ? -- 'q'",
        "SELECT CASE WHEN a > %s THEN 'x' ELSE %s END FROM t",
        "SELECT f(%s,%s)||%s",
        "SELECT * FROM t WHERE a=%s AND b<>%s",
        "{call p(%s)}",
        "SELECT * FROM t WHERE x BETWEEN %s AND %s");
    List<String> leaks = new ArrayList<>();
    for (String shape : shapes) {
      for (String literal : literals) {
        String sql = shape.replace("%s", literal);
        String text = STANDARD.sanitize(sql).queryText;
        for (String secret : List.of("SECRET", "5EC4E7", "5ec4e7", "1010101", "1999", "31415926", "27182818",
            "14159", "BADC0DE", "0000271", "TRUE", "😀", "山田")) {
          if (text.contains(secret)) {
            leaks.add(sql + "  ->  " + text);
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
  }
}
