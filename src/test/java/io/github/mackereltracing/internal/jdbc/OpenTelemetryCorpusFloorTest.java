package io.github.mackereltracing.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OpenTelemetry's own SQL sanitizer (instrumentation-api-incubator, SqlQueryAnalyzerTest and the jflex grammar
 * behind it) is the floor: whatever it masks must not survive here either, in any dialect. The inputs are ours,
 * one or more for every category of its test corpus that masks something: numbers in every notation, strings
 * with quotes and backslashes inside, dollar quotes (also tagged and nested), double-quoted strings, Unicode,
 * IN lists, VALUES, multi-statement text, comments, brackets and backticks, procedure calls, GRANT with quoted
 * user and host, and the statements that carry a password outside any literal (SAP HANA's PASSWORD, Oracle's
 * and MySQL's IDENTIFIED BY).
 *
 * <p>Where it differs on purpose: {@code "..."} is checked only in dialects where it may be a string;
 * OpenTelemetry also masks it for H2, Trino and Teradata (it lists only some identifier-quoting databases),
 * where it is always a name and stays, as it does for OpenTelemetry in PostgreSQL and Oracle.
 */
class OpenTelemetryCorpusFloorTest {
  /** SQL, and the values in it that must not survive. */
  static Stream<Arguments> everyDialect() {
    return Stream.of(
        // numbers
        row("SELECT * FROM orders WHERE total=9931", "9931"),
        row("SELECT * FROM orders WHERE total = 9932", "9932"),
        row("SELECT * FROM orders WHERE total>=-4417", "4417"),
        row("SELECT * FROM orders WHERE total<-4418", "4418"),
        row("SELECT * FROM orders WHERE total <.8812", "8812"),
        row("SELECT 3.2517", "3.2517"),
        row("SELECT -6.7519e-11", "6.7519"),
        row("SELECT 4E+87", "4E+87"),
        row("SELECT +0.6123", "0.6123"),
        row("SELECT .7345", "7345"),
        row("5521", "5521"),
        row(".5522", "5522"),
        row("-5523", "5523"),
        row("+5524", "5524"),
        row("SELECT 0x0bf7e1", "0bf7e1"),
        row("SELECT 0xFEEDfacE", "FEEDfacE"),
        row("SELECT 555-12-3456", "555", "3456"),
        row("SELECT 71/93/4141", "71", "93", "4141"),
        // strings
        row("SELECT * FROM t WHERE f = ''", "''"),
        row("SELECT * FROM t WHERE f = 'words and spaces'", "words and spaces"),
        row("SELECT * FROM t WHERE f = ' a doubled '' quote inside'", "doubled", "quote inside"),
        row("SELECT * FROM t WHERE f = '\\\\'", "\\"),
        row("SELECT * FROM t WHERE f = '\"in doubles\"'", "in doubles"),
        row("SELECT * FROM t WHERE f = '\"$$$$\"'", "$$$$"),
        row("SELECT * FROM t WHERE f = 'one \" double quote'", "one", "double quote"),
        row("SELECT * FROM t WHERE f = 'ɣ' AND g = '😀'", "ɣ", "😀"),
        // dollar quotes, tagged and nested
        row("SELECT * FROM t WHERE f = $$$$", "$$$$"),
        row("SELECT * FROM t WHERE f = $$dollar words$$", "dollar words"),
        row("SELECT * FROM t WHERE f = $$quotes '\" inside$$", "quotes", "inside"),
        row("SELECT * FROM t WHERE f = $$\"''\"$$", "\"''\""),
        row("SELECT * FROM t WHERE f = $$\\\\$$", "\\"),
        row("SELECT * FROM t WHERE f = $tag$tagged words$tag$", "tagged words"),
        row("SELECT * FROM t WHERE f = $a$outer $b$inner$b$ outer$a$", "outer", "inner"),
        // IN lists, VALUES, several statements
        row("select 'k1' IN(x, 'k2') from t where col in (6061) and z IN( 'k3', 'k4' )", "k1", "k2", "6061", "k3",
            "k4"),
        row("delete from foo where x IN (7071,7072,7073)", "7071", "7072", "7073"),
        row("SELECT * FROM (VALUES (8081,8082), (8083,8084)) AS t(a, b)", "8081", "8082", "8083", "8084"),
        row("VALUES (9091)", "9091"),
        row("WITH cte AS (VALUES (9092, 9093)) SELECT * FROM cte", "9092", "9093"),
        row("SELECT * FROM t1; INSERT INTO t2 VALUES (9094)", "9094"),
        row("REPLACE INTO users VALUES (9095, 'replaced')", "9095", "replaced"),
        row("insert into metrics.users (id) values (9096)", "9096"),
        row("update `my table` set answer=9097 where x IN(9098) AND y In ('in1')", "9097", "9098", "in1"),
        row("CREATE VIEW tmp AS SELECT type FROM t WHERE id = 9099", "9099"),
        row("ALTER TABLE users ADD COLUMN email VARCHAR(9100)", "9100"),
        // names that are not literals, beside literals that are
        row("SELECT [column] FROM [table] WHERE [field] = 9101", "9101"),
        row("SELECT * FROM `table` WHERE `col``name` = 9102", "9102"),
        row("EXECUTE db.my_procedure @param=9103", "9103"),
        row("GRANT ALL PRIVILEGES ON database.* TO 'appuser'@'dbhost'", "appuser", "dbhost"),
        row("REVOKE ALL PRIVILEGES ON database.* FROM 'appuser'@'dbhost'", "appuser", "dbhost"),
        // comments
        row("-- DELETE old records\nSELECT * FROM users WHERE active = 9104", "9104"),
        row("--DELETE old records\nSELECT * FROM users WHERE active = 9105", "9105"),
        row("select /*((*/abc from t where x = 9106", "9106"),
        // passwords outside literals (SAP HANA, Oracle, MySQL)
        row("CREATE USER new_user PASSWORD HanaPw1", "HanaPw1"),
        row("ALTER USER u PASSWORD HanaPw2", "HanaPw2"),
        row("CONNECT u PASSWORD HanaPw3", "HanaPw3"),
        row("VALIDATE USER u PASSWORD HanaPw4", "HanaPw4"),
        row("CHECK USER u PASSWORD \"HanaPw5\"", "HanaPw5"),
        row("CREATE DATABASE db SYSTEM USER PASSWORD HanaPw6", "HanaPw6"),
        row("ALTER SYSTEM SET SECURE STORE BACKUP PASSWORD \"HanaPw7\"", "HanaPw7"),
        row("EXPORT t AS BINARY ENCRYPTION PASSWORD HanaPw8", "HanaPw8"),
        row("IMPORT S.T FROM '/backup/dir' WITH ENCRYPTION PASSWORD HanaPw9", "/backup/dir", "HanaPw9"),
        row("RECOVER ENCRYPTION ROOT KEYS USING 'bk' PASSWORD HanaPw10", "HanaPw10"),
        row("CREATE USER u IDENTIFIED BY OraPw1", "OraPw1"),
        row("ALTER USER u IDENTIFIED BY OraPw2 REPLACE OraPw3", "OraPw2", "OraPw3"),
        row("GRANT ALL PRIVILEGES ON database.* TO u IDENTIFIED BY MyPw1", "MyPw1"),
        row("SELECT 1; GRANT ALL PRIVILEGES ON database.* TO u IDENTIFIED BY MyPw2", "MyPw2"),
        row("CREATE USER password PASSWORD HanaPw11", "HanaPw11"));
  }

  /** What OpenTelemetry masks only where {@code "..."} may be a string. */
  static Stream<Arguments> whereDoubleQuotesMayBeStrings() {
    return Stream.of(
        row("SELECT * FROM t WHERE f = \"dq words\"", "dq words"),
        row("UPDATE users SET password = \"DqPw1\"", "DqPw1"),
        row("SELECT x FROM t WHERE a = \"it''s\" OR b = \"two\"\"quotes\"", "it''s", "two"));
  }

  private static Arguments row(String sql, String... secrets) {
    return Arguments.of(sql, List.of(secrets));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyDialect")
  void nothingOpenTelemetryMasksSurvivesInAnyDialect(String sql, List<String> secrets) {
    assertNothingSurvives(sql, secrets, SqlLiteralsNeverSurviveTest.DIALECTS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("whereDoubleQuotesMayBeStrings")
  void doubleQuotedStringsAreMaskedWhereTheyMayBeStrings(String sql, List<String> secrets) {
    List<SqlSanitizer> dialects = new ArrayList<>();
    for (SqlSanitizer d : SqlLiteralsNeverSurviveTest.DIALECTS) {
      if (d.doubleQuotedStrings != SqlSanitizer.Rule.NO) {
        dialects.add(d);
      }
    }
    assertThat(dialects).contains(SqlSanitizer.MYSQL, SqlSanitizer.SQL_SERVER, SqlSanitizer.SQLITE,
        SqlSanitizer.UNKNOWN);
    assertNothingSurvives(sql, secrets, dialects);
  }

  @Test
  void veryLongNumbersAndTicks() {
    StringBuilder digits = new StringBuilder();
    for (int i = 0; digits.length() < 20_000; i++) {
      digits.append(i);
    }
    StringBuilder ticks = new StringBuilder();
    for (SqlSanitizer d : SqlLiteralsNeverSurviveTest.DIALECTS) {
      assertThat(d.sanitize(digits.toString()).queryText).isEqualTo("?");
      for (int n = 1; n < 2000; n += 97) {
        ticks.setLength(0);
        ticks.append("'".repeat(n)).append(" 9107");
        assertThat(d.sanitize(ticks.toString()).queryText).doesNotContain("9107");
      }
    }
  }

  private static void assertNothingSurvives(String sql, List<String> secrets, List<SqlSanitizer> dialects) {
    List<String> leaks = new ArrayList<>();
    for (SqlSanitizer dialect : dialects) {
      SqlInfo info = dialect.sanitize(sql);
      for (String secret : secrets) {
        if (info.queryText.contains(secret) || String.valueOf(info.summary).contains(secret)) {
          leaks.add(dialect + ": " + info.queryText + "  |  " + info.summary);
        }
      }
    }
    assertThat(leaks).as(sql).isEmpty();
  }
}
