package io.github.mackereltracing.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 18, item 3: each row is a statement that a database of that URL reads with a secret in a literal (or in
 * a password clause), in one of the readings that database allows. The sanitizer the URL selects must hide the
 * secret, in the text and in the summary. Goes through {@link JdbcUrl#parse} so that the choice of rules for a
 * database is tested with the rules themselves.
 */
class SqlDialectLeaksTest {
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiterString = " ~ ", quoteCharacter = '§', value = {
    // url ~ sql ~ secret that must not survive
    // backslash escapes in databases read as standard SQL
    "jdbc:clickhouse://ch:8123/db ~ SELECT * FROM t WHERE a = 'It\\'s', b = 'hunter2' ~ hunter2",
    "jdbc:snowflake://acct.snowflakecomputing.com/?db=x ~ SELECT 'It\\'s', 'hunter2' ~ hunter2",
    "jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443;ProjectId=p ~ SELECT 'It\\'s', 'hunter2' ~ hunter2",
    "jdbc:hive2://hive:10000/default ~ SELECT 'It\\'s', 'hunter2' ~ hunter2",
    "jdbc:as400://ibmi/LIB ~ SELECT 'It\\'s', 'hunter2' FROM SYSIBM.SYSDUMMY1 ~ hunter2",
    "jdbc:db2://db2:446/LOC ~ SELECT 'It\\'s', 'hunter2' FROM SYSIBM.SYSDUMMY1 ~ hunter2",
    "jdbc:postgresql://pg/db ~ SELECT 'It\\'s', 'hunter2' ~ hunter2", // standard_conforming_strings=off
    "jdbc:couchbase://cb/bucket ~ SELECT 'It\\'s', 'hunter2' ~ hunter2",
    // triple-quoted strings (BigQuery, Spark): one string there, three pieces in standard SQL
    "jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443;ProjectId=p ~ SELECT '''It's''', 'hunter2' ~ hunter2",
    "jdbc:spark://spark:10000/default ~ SELECT \"\"\"It\"s\"\"\", \"hunter2\" ~ hunter2",
    // MySQL with NO_BACKSLASH_ESCAPES: the string ends at the backslash
    "jdbc:mysql://my/db ~ SELECT * FROM t WHERE p = 'C:\\' AND q = 'hunter2' ~ hunter2",
    "jdbc:mariadb://maria/db ~ SELECT 'C:\\', 'hunter2' ~ hunter2",
    "jdbc:mysql://my/db ~ SELECT \"C:\\\", \"hunter2\" ~ hunter2",
    // double-quoted string literals
    "jdbc:sqlite:/data/app.db ~ SELECT * FROM t WHERE a = \"hunter2\" ~ hunter2",
    "jdbc:informix-sqli://ifx:9088/db:INFORMIXSERVER=s ~ SELECT * FROM t WHERE a = \"hunter2\" ~ hunter2",
    "jdbc:jtds:sybase://syb:5000/db ~ SELECT * FROM t WHERE a = \"hunter2\" ~ hunter2",
    "jdbc:couchbase://cb/bucket ~ SELECT * FROM `bucket` WHERE name = \"hunter2\" ~ hunter2",
    "jdbc:sqlserver://mssql;databaseName=x ~ SELECT * FROM t WHERE a = \"hunter2\" ~ hunter2", // QUOTED_IDENTIFIER OFF
    "jdbc:firebirdsql://fb/db ~ SELECT * FROM t WHERE a = \"hunter2\" ~ hunter2", // dialect 1
    // comments that nest (PostgreSQL, SQL Server), and one never closed
    "jdbc:postgresql://pg/db ~ SELECT /* a /* b */ 'x */ 'hunter2' ~ hunter2",
    "jdbc:sqlserver://mssql;databaseName=x ~ SELECT /* a /* b */ 'x */ 'hunter2' ~ hunter2",
    "jdbc:postgresql://pg/db ~ SELECT 1 /* never closed 'hunter2' ~ hunter2",
    // SQL Server: ]] stands for ] inside brackets
    "jdbc:sqlserver://mssql;databaseName=x ~ SELECT [a]]'b], 'hunter2' ~ hunter2",
    "jdbc:sqlserver://mssql;databaseName=x ~ SELECT [a]]'b] FROM t WHERE x = 'hunter2' ~ hunter2",
    // MySQL: # starts a comment also right after a word
    "jdbc:mysql://my/db ~ SELECT a#, 'x\\n, 'hunter2' ~ hunter2",
    // MySQL: $$ is not a string there, so a quote after one opens a real string
    "jdbc:mysql://my/db ~ SELECT $$ 'a $$ hunter2 ', 1 ~ hunter2",
    // Oracle's q'' is Oracle's only
    "jdbc:mysql://my/db ~ SELECT q'[ ']' hunter2 ' FROM t ~ hunter2",
    // secrets outside literals
    "jdbc:sap://hana:30015 ~ CREATE USER u PASSWORD Secret1 ~ Secret1",
    "jdbc:sap://hana:30015 ~ ALTER USER u PASSWORD \"Secret1\" ~ Secret1",
    "jdbc:sap://hana:30015 ~ CONNECT u PASSWORD Secret1 ~ Secret1",
    "jdbc:oracle:thin:@ora:1521:X ~ ALTER USER u IDENTIFIED BY Secret1 ~ Secret1",
    "jdbc:oracle:thin:@ora:1521:X ~ CREATE USER u IDENTIFIED BY \"Secret1\" ~ Secret1",
    "jdbc:oracle:thin:@ora:1521:X ~ CREATE DATABASE LINK l CONNECT TO u IDENTIFIED BY Secret1 USING 'x' ~ Secret1",
    "jdbc:mysql://my/db ~ SELECT 1; GRANT ALL ON db.* TO u IDENTIFIED BY Secret1 ~ Secret1",
    "jdbc:db2://db2:50000/x ~ CONNECT TO x USER u USING Secret1 ~ Secret1",
  })
  void secretDoesNotSurvive(String url, String sql, String secret) {
    SqlInfo info = JdbcUrl.parse(url, null).sanitizer.sanitize(sql.replace("\\n", "\n"));
    assertThat(info.queryText).as("db.query.text").doesNotContain(secret);
    assertThat(String.valueOf(info.summary)).as("db.query.summary").doesNotContain(secret);
  }
}
