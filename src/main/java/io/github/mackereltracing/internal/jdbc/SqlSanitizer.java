package io.github.mackereltracing.internal.jdbc;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns SQL text into what a span may carry (see {@link SqlScan} for the scan), with a bounded cache so that a
 * hot statement is sanitized once. Each instance is one dialect: the quoting rules of a family of databases,
 * each rule either known ({@link Rule#YES}, {@link Rule#NO}) or uncertain ({@link Rule#MAYBE}: a setting of
 * the server or the session decides, such as MySQL's {@code NO_BACKSLASH_ESCAPES} or SQL Server's {@code
 * QUOTED_IDENTIFIER}, or the database is not known). Where a rule is uncertain the scan takes the reading that
 * hides more, and where the readings disagree on where a literal ends it drops the rest of the text. Which
 * database gets which dialect is decided in one place, {@link #forSystem}; docs/jdbc.md has the table.
 */
final class SqlSanitizer {
  private static final Logger LOG = Logger.getLogger(SqlSanitizer.class.getName());

  /**
   * Longer texts are not cached: they are rarely repeated, and with this cap the cache holds at most
   * 2 x {@link #CACHE_GENERATION} texts of at most this length.
   */
  static final int MAX_CACHED_LENGTH = 2048;
  static final int CACHE_GENERATION = 256;

  /** Whether a quoting rule applies: known yes or no, or uncertain. */
  enum Rule {
    NO,
    YES,
    MAYBE
  }

  private static final Rule NO = Rule.NO;
  private static final Rule YES = Rule.YES;
  private static final Rule MAYBE = Rule.MAYBE;

  // backslash, "string", [name], # comment, nested /* */, $$string$$, q'[..]', {comment}
  /** ANSI quoting, known: H2, Derby, HSQLDB, Trino, Teradata, SAP HANA. */
  static final SqlSanitizer STANDARD = new SqlSanitizer("standard", NO, NO, NO, NO, MAYBE, MAYBE, NO, false);
  /**
   * PostgreSQL (and Redshift): a backslash escapes a quote when {@code standard_conforming_strings} is off;
   * comments nest; dollar quotes.
   */
  static final SqlSanitizer POSTGRESQL = new SqlSanitizer("postgresql", MAYBE, NO, NO, NO, YES, YES, NO, false);
  /**
   * MySQL and MariaDB: backslash escapes unless {@code NO_BACKSLASH_ESCAPES}, {@code "string"} unless {@code
   * ANSI_QUOTES}, {@code #} comments. (Dollar quotes are uncertain everywhere but in PostgreSQL: where they are
   * not strings, {@code $$...$$} is hidden all the same, and one holding a quote drops the rest.)
   */
  static final SqlSanitizer MYSQL = new SqlSanitizer("mysql", MAYBE, MAYBE, NO, YES, NO, MAYBE, NO, false);
  /** SQL Server: {@code [name]}, nested comments, {@code "string"} when {@code QUOTED_IDENTIFIER} is off. */
  static final SqlSanitizer SQL_SERVER = new SqlSanitizer("sqlserver", NO, MAYBE, YES, NO, YES, MAYBE, NO, false);
  /** Sybase ASE: like SQL Server; {@code quoted_identifier} is off by default. */
  static final SqlSanitizer SYBASE = new SqlSanitizer("sybase", NO, MAYBE, YES, NO, MAYBE, MAYBE, NO, false);
  /** Oracle: {@code q'[...]'}, comments do not nest, no backslash escapes whatever the settings. */
  static final SqlSanitizer ORACLE = new SqlSanitizer("oracle", NO, NO, NO, NO, NO, MAYBE, YES, false);
  /** Db2: standard, but Db2 for i (also reached through jdbc:db2:) is said to take {@code \'}. */
  static final SqlSanitizer DB2 = new SqlSanitizer("db2", MAYBE, NO, NO, NO, MAYBE, MAYBE, NO, false);
  /** SQLite: {@code "string"} where no such column exists, {@code [name]}, comments do not nest. */
  static final SqlSanitizer SQLITE = new SqlSanitizer("sqlite", NO, MAYBE, YES, NO, NO, MAYBE, NO, false);
  /** Firebird: {@code "string"} in dialect 1. */
  static final SqlSanitizer FIREBIRD = new SqlSanitizer("firebird", NO, MAYBE, NO, NO, MAYBE, MAYBE, NO, false);
  /** Informix: {@code "string"} unless DELIMIDENT, {@code {comment}}. */
  static final SqlSanitizer INFORMIX = new SqlSanitizer("informix", MAYBE, MAYBE, NO, NO, MAYBE, MAYBE, NO, true);
  /** ClickHouse: backslash escapes always, {@code #} comments, heredocs {@code $tag$...$tag$}. */
  static final SqlSanitizer CLICKHOUSE = new SqlSanitizer("clickhouse", YES, NO, NO, MAYBE, MAYBE, MAYBE, NO, false);
  /**
   * Any other database (Snowflake, BigQuery, Spark, Hive, Couchbase...): every rule uncertain, so every
   * reading is covered.
   */
  static final SqlSanitizer UNKNOWN =
      new SqlSanitizer("unknown", MAYBE, MAYBE, MAYBE, MAYBE, MAYBE, MAYBE, MAYBE, true);

  final String name;
  /** A backslash escapes the next character in a quoted string. */
  final Rule backslashEscapes;
  /** {@code "..."} is a string (YES) or a name (NO). */
  final Rule doubleQuotedStrings;
  /** {@code [...]} is a name. */
  final Rule bracketIdentifiers;
  /** {@code #} starts a comment (and {@code --} needs white space after it, as in MySQL). */
  final Rule hashComments;
  /** A {@code /*} inside a block comment opens a nested one. */
  final Rule nestedComments;
  /** {@code $$...$$} and {@code $tag$...$tag$} are strings. */
  final Rule dollarQuotes;
  /** Oracle's {@code q'[...]'}. */
  final Rule oracleQuotes;
  /** Informix's {@code {comment}} (uncertain beside JDBC's escapes such as {@code {call p}}). */
  final boolean braceComments;
  /** BigQuery's and Spark's {@code '''string'''}: uncertain where the database is not known, else no. */
  final Rule tripleQuotedStrings;
  private final BoundedCache<String, SqlInfo> cache = new BoundedCache<>(CACHE_GENERATION);

  private SqlSanitizer(String name, Rule backslashEscapes, Rule doubleQuotedStrings, Rule bracketIdentifiers,
      Rule hashComments, Rule nestedComments, Rule dollarQuotes, Rule oracleQuotes, boolean braceComments) {
    this.name = name;
    this.backslashEscapes = backslashEscapes;
    this.doubleQuotedStrings = doubleQuotedStrings;
    this.bracketIdentifiers = bracketIdentifiers;
    this.hashComments = hashComments;
    this.nestedComments = nestedComments;
    this.dollarQuotes = dollarQuotes;
    this.oracleQuotes = oracleQuotes;
    this.braceComments = braceComments;
    this.tripleQuotedStrings = name.equals("unknown") ? MAYBE : NO;
  }

  /**
   * The dialect of a database, by its {@code db.system.name}: the one place that decides. A system not listed
   * gets {@link #UNKNOWN}, which covers every reading.
   */
  static SqlSanitizer forSystem(String system) {
    switch (system) {
      case "postgresql":
      case "aws.redshift":
        return POSTGRESQL;
      case "mysql":
      case "mariadb":
        return MYSQL;
      case "microsoft.sql_server":
        return SQL_SERVER;
      case "sybase":
        return SYBASE;
      case "oracle.db":
        return ORACLE;
      case "ibm.db2":
        return DB2;
      case "sqlite":
        return SQLITE;
      case "firebirdsql":
        return FIREBIRD;
      case "ibm.informix":
        return INFORMIX;
      case "clickhouse":
        return CLICKHOUSE;
      case "h2database":
      case "derby":
      case "hsqldb":
      case "trino":
      case "teradata":
      case "sap.hana":
        return STANDARD;
      default:
        return UNKNOWN;
    }
  }

  /** The sanitized form of {@code sql}, from the cache when it was seen before. Never throws. */
  SqlInfo info(String sql) {
    if (sql == null || sql.isEmpty()) {
      return SqlInfo.NONE;
    }
    SqlInfo info = cache.get(sql);
    if (info == null) {
      info = sanitize(sql);
      if (sql.length() <= MAX_CACHED_LENGTH) {
        cache.put(sql, info);
      }
    }
    return info;
  }

  /** Sanitizes without the cache. Never throws. */
  SqlInfo sanitize(String sql) {
    if (sql == null || sql.isEmpty()) {
      return SqlInfo.NONE;
    }
    try {
      return new SqlScan(this, sql).run();
    } catch (RuntimeException | StackOverflowError e) {
      // A bug here must not fail the statement; without a text known to be clean, none is sent.
      LOG.log(Level.FINE, "Mackerel tracing: could not sanitize a SQL statement", e);
      return SqlInfo.NONE;
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
