package io.github.mackereltracing.internal.jdbc;

import io.github.mackereltracing.internal.span.SpanPath;
import io.opentelemetry.api.trace.Span;
import jakarta.annotation.Nullable;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The handler behind a traced statement, plain, prepared or callable: each execution of SQL ({@code execute},
 * {@code executeQuery}, {@code executeUpdate}, {@code executeLargeUpdate}, with or without a text;
 * {@code executeBatch}, {@code executeLargeBatch}) is one CLIENT span, begun by {@link JdbcSpans} and run by
 * {@link SpanPath#call}: ended when the driver returns or throws, the driver's exception rethrown as it was
 * (untraced, the driver is called directly: no lambda is made when there is no span). {@code addBatch} and
 * {@code clearBatch} keep count of the batch; {@code getConnection()} answers the traced connection; everything
 * else, result sets and out parameters included, goes straight to the driver's statement.
 */
final class TracedStatements extends TracedJdbc {
  /** The traced connection that made it, and its handler. */
  private final Connection traced;
  private final TracedConnections connection;
  /** The text it was prepared with; null for a plain statement. */
  @Nullable private final String prepared;
  /** The prepared text sanitized (when the first span needs it) by {@link #infoSanitizer}, reused after. */
  @Nullable private SqlInfo info;
  @Nullable private SqlSanitizer infoSanitizer;
  private int batchSize;
  /** What Statement.addBatch(String) added. */
  @Nullable private List<String> batchTexts;

  private TracedStatements(
      Statement driver, Connection traced, TracedConnections connection, @Nullable String prepared) {
    super(driver);
    this.traced = traced;
    this.connection = connection;
    this.prepared = prepared;
  }

  /** The driver's statement traced, showing {@code shown}; null when the driver answered null. */
  @Nullable
  static <S extends Statement> S wrap(Class<S> shown, @Nullable Statement driver, Connection traced,
      TracedConnections connection, @Nullable String prepared) {
    return driver == null ? null : proxy(shown, new TracedStatements(driver, traced, connection, prepared));
  }

  @Override
  @Nullable
  Object answer(Object self, Method method, @Nullable Object[] args) throws Throwable {
    switch (method.getName()) {
      case "execute":
      case "executeQuery":
      case "executeUpdate":
      case "executeLargeUpdate":
        return run(method, args, args == null ? null : (String) args[0], false);
      case "executeBatch":
      case "executeLargeBatch":
        try {
          return run(method, args, null, true);
        } finally {
          resetBatch(); // the driver empties its batch too, whatever happened
        }
      case "addBatch":
        forward(method, args);
        batchSize++;
        if (args != null) {
          if (batchTexts == null) {
            batchTexts = new ArrayList<>();
          }
          batchTexts.add((String) args[0]);
        }
        return null;
      case "clearBatch":
        forward(method, args);
        resetBatch();
        return null;
      case "getConnection":
        return traced;
      default:
        return forward(method, args);
    }
  }

  /** One execution of {@code sql} (null: the prepared text, or the batch's) as one span, when one is made. */
  @Nullable
  private Object run(Method method, @Nullable Object[] args, @Nullable String sql, boolean batch) throws Throwable {
    Span span = connection.spans.beginStatement(connection.driver(), this, sql, batch);
    return span == null ? forward(method, args) : SpanPath.call(span, () -> forward(method, args), connection.spans);
  }

  /**
   * The text of an execution that names none: the prepared text, or the batch's. A batch of one statement is
   * one operation as the semantic conventions see it: named and sized like a single statement.
   */
  SqlInfo sqlInfo(DbInfo db, boolean batch) {
    if (!batch) {
      return preparedInfo(db);
    }
    SqlInfo info = batchTexts != null && !batchTexts.isEmpty() ? batchInfo(db.sanitizer) : preparedInfo(db);
    return batchSize == 1 ? info : info.asBatch();
  }

  /** {@code db.operation.batch.size} of the batch about to run; -1 (none) for a batch of one. */
  int batchSizeAttribute() {
    return batchSize == 1 ? -1 : batchSize;
  }

  /** The prepared text's; for a plain statement, which has none, {@link SqlInfo#NONE}. */
  private SqlInfo preparedInfo(DbInfo db) {
    if (prepared == null) {
      return SqlInfo.NONE;
    }
    SqlInfo i = info;
    if (i == null || infoSanitizer != db.sanitizer) {
      i = db.sanitizer.info(prepared);
      info = i;
      infoSanitizer = db.sanitizer;
    }
    return i;
  }

  /**
   * For texts added with {@code addBatch(String)}: the text, if all are the same; else all of them joined
   * with "; " (as the semantic conventions ask), with what they have in common.
   */
  private SqlInfo batchInfo(SqlSanitizer sanitizer) {
    List<String> batchTexts = this.batchTexts;
    SqlInfo first = sanitizer.info(batchTexts.get(0));
    boolean sameText = true;
    boolean sameSummary = true;
    boolean sameOperation = true;
    boolean sameCollection = true;
    StringBuilder joined = new StringBuilder();
    for (String sql : batchTexts) {
      SqlInfo info = sanitizer.info(sql);
      sameText &= Objects.equals(info.queryText, first.queryText);
      sameSummary &= Objects.equals(info.summary, first.summary);
      sameOperation &= Objects.equals(info.operationName, first.operationName);
      sameCollection &= Objects.equals(info.collectionName, first.collectionName);
      if (joined.length() <= SqlScan.MAX_LENGTH && info.queryText != null) {
        if (joined.length() > 0) {
          joined.append("; ");
        }
        joined.append(info.queryText);
        if (joined.length() > SqlScan.MAX_LENGTH) {
          joined.setLength(SqlScan.MAX_LENGTH);
          joined.append(SqlScan.TRUNCATED);
        }
      }
    }
    if (sameText) {
      return first;
    }
    return new SqlInfo(
        joined.toString(),
        sameSummary ? first.summary : null,
        sameOperation ? first.operationName : null,
        sameCollection ? first.collectionName : null,
        null);
  }

  private void resetBatch() {
    batchSize = 0;
    if (batchTexts != null) {
      batchTexts.clear();
    }
  }
}
