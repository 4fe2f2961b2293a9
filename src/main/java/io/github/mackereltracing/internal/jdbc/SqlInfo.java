package io.github.mackereltracing.internal.jdbc;

import jakarta.annotation.Nullable;

/**
 * What a span says about one SQL text: the sanitized text and the low-cardinality summary that names the
 * span. Immutable; computed once per distinct text (see {@link SqlSanitizer}).
 */
final class SqlInfo {
  /** For a null or empty text: nothing to say beyond the database system. */
  static final SqlInfo NONE = new SqlInfo(null, null, null, null, null);

  /** Sanitized text, or null. */
  @Nullable final String queryText;
  /** {@code db.query.summary}, e.g. {@code SELECT people}; null when no operation was recognized. */
  @Nullable final String summary;
  /** Set only when the text has exactly one operation. */
  final String operationName;
  /** Set only when that one operation works on exactly one table. */
  final String collectionName;
  /** Set only when that one operation calls exactly one stored procedure. */
  final String storedProcedureName;

  private volatile SqlInfo batch;

  SqlInfo(
      String queryText,
      String summary,
      String operationName,
      String collectionName,
      String storedProcedureName) {
    this.queryText = queryText;
    this.summary = summary;
    this.operationName = operationName;
    this.collectionName = collectionName;
    this.storedProcedureName = storedProcedureName;
  }

  /**
   * The same statement run as a batch of two or more: summary and operation prefixed with {@code BATCH},
   * as the semantic conventions ask. Computed once.
   */
  SqlInfo asBatch() {
    SqlInfo b = batch;
    if (b == null) {
      b = new SqlInfo(
          queryText,
          summary == null ? "BATCH" : "BATCH " + summary,
          operationName == null ? "BATCH" : "BATCH " + operationName,
          collectionName,
          storedProcedureName);
      batch = b;
    }
    return b;
  }

  @Override
  public String toString() {
    return summary + " | " + queryText;
  }
}
