package io.github.mackereltracing.internal.jdbc;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns SQL text into what a span may carry (see {@link SqlScan} for the rules), with a bounded cache so
 * that a hot statement is sanitized once. Dialects differ in what a quote, a backslash or {@code #} means,
 * so there is one instance per family of databases, chosen from the connection's JDBC URL.
 */
final class SqlSanitizer {
  private static final Logger LOG = Logger.getLogger("io.github.mackereltracing");

  /**
   * Longer texts are not cached: they are rarely repeated, and with this cap the cache holds at most
   * 2 x {@link #CACHE_GENERATION} texts of at most this length.
   */
  static final int MAX_CACHED_LENGTH = 2048;
  static final int CACHE_GENERATION = 256;

  /** ANSI quoting: {@code 'string'}, {@code "identifier"}, a backslash is an ordinary character. */
  static final SqlSanitizer STANDARD = new SqlSanitizer(false, false, false, false);
  /** MySQL and MariaDB: backslash escapes, {@code "string"} (unless ANSI_QUOTES), {@code #} comments. */
  static final SqlSanitizer MYSQL = new SqlSanitizer(true, true, true, false);
  /** SQL Server: {@code [identifier]}. */
  static final SqlSanitizer SQL_SERVER = new SqlSanitizer(false, false, false, true);

  final boolean backslashEscapes;
  final boolean doubleQuotedStrings;
  final boolean mysqlComments;
  final boolean bracketIdentifiers;
  private final BoundedCache<String, SqlInfo> cache = new BoundedCache<>(CACHE_GENERATION);

  private SqlSanitizer(
      boolean backslashEscapes, boolean doubleQuotedStrings, boolean mysqlComments, boolean bracketIdentifiers) {
    this.backslashEscapes = backslashEscapes;
    this.doubleQuotedStrings = doubleQuotedStrings;
    this.mysqlComments = mysqlComments;
    this.bracketIdentifiers = bracketIdentifiers;
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
}
