package io.github.mackereltracing.internal.jdbc;

import io.github.mackereltracing.internal.span.SpanPath;
import io.opentelemetry.api.trace.Span;
import jakarta.annotation.Nullable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What every traced statement shares: each execution of SQL ({@code execute*}, {@code executeQuery},
 * {@code executeUpdate}, {@code executeLargeUpdate}, {@code executeBatch}, {@code executeLargeBatch})
 * is one CLIENT span, begun by {@link JdbcSpans} and run by {@link SpanPath#call}: ended when the driver
 * returns or throws, the driver's exception rethrown as it was (untraced, the driver is called directly:
 * no lambda is made when there is no span). {@link #getConnection()} answers the traced connection;
 * everything else, result sets included, goes straight to the driver's statement (docs/architecture.md).
 */
abstract class StatementWrapper<S extends Statement> extends JdbcWrapper<S> implements Statement {
  final TracingConnection connection;
  final JdbcSpans spans;
  private int batchSize;
  /** What Statement.addBatch(String) added. */
  @Nullable private List<String> batchTexts;

  StatementWrapper(S delegate, TracingConnection connection) {
    super(delegate);
    this.connection = connection;
    this.spans = connection.spans;
  }

  // ---- spans ----

  /** The span of one execution of {@code sql} (null: the prepared text), or null when none is to be made. */
  @Nullable
  final Span begin(@Nullable String sql) {
    return spans.beginStatement(connection.delegate, this, sql, false);
  }

  /** The span of running the batch, or null. */
  @Nullable
  private Span beginBatch() {
    return spans.beginStatement(connection.delegate, this, null, true);
  }

  /**
   * The text of an execution that names none: the prepared text, or the batch's. A batch of one statement is
   * one operation as the semantic conventions see it: named and sized like a single statement.
   */
  final SqlInfo sqlInfo(DbInfo db, boolean batch) {
    if (!batch) {
      return preparedInfo(db);
    }
    SqlInfo info = batchTexts != null && !batchTexts.isEmpty() ? batchInfo(db.sanitizer) : preparedInfo(db);
    return batchSize == 1 ? info : info.asBatch();
  }

  /** {@code db.operation.batch.size} of the batch about to run; -1 (none) for a batch of one. */
  final int batchSizeAttribute() {
    return batchSize == 1 ? -1 : batchSize;
  }

  /** The prepared text's; for a plain statement, which has none, {@link SqlInfo#NONE}. */
  SqlInfo preparedInfo(DbInfo db) {
    return SqlInfo.NONE;
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

  /** For prepared statements: one more set of parameters in the batch. */
  final void countBatch() {
    batchSize++;
  }

  private void resetBatch() {
    batchSize = 0;
    if (batchTexts != null) {
      batchTexts.clear();
    }
  }

  // ---- executions: traced ----

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    Span span = begin(sql);
    return span == null
        ? delegate.executeQuery(sql)
        : SpanPath.call(span, () -> delegate.executeQuery(sql), spans);
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    Span span = begin(sql);
    return span == null
        ? delegate.executeUpdate(sql)
        : SpanPath.call(span, () -> delegate.executeUpdate(sql), spans);
  }

  @Override
  public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    Span span = begin(sql);
    return span == null
        ? delegate.executeUpdate(sql, autoGeneratedKeys)
        : SpanPath.call(span, () -> delegate.executeUpdate(sql, autoGeneratedKeys), spans);
  }

  @Override
  public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
    Span span = begin(sql);
    return span == null
        ? delegate.executeUpdate(sql, columnIndexes)
        : SpanPath.call(span, () -> delegate.executeUpdate(sql, columnIndexes), spans);
  }

  @Override
  public int executeUpdate(String sql, String[] columnNames) throws SQLException {
    Span span = begin(sql);
    return span == null
        ? delegate.executeUpdate(sql, columnNames)
        : SpanPath.call(span, () -> delegate.executeUpdate(sql, columnNames), spans);
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    Span span = begin(sql);
    return span == null
        ? delegate.executeLargeUpdate(sql)
        : SpanPath.call(span, () -> delegate.executeLargeUpdate(sql), spans);
  }

  @Override
  public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    Span span = begin(sql);
    return span == null
        ? delegate.executeLargeUpdate(sql, autoGeneratedKeys)
        : SpanPath.call(span, () -> delegate.executeLargeUpdate(sql, autoGeneratedKeys), spans);
  }

  @Override
  public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
    Span span = begin(sql);
    return span == null
        ? delegate.executeLargeUpdate(sql, columnIndexes)
        : SpanPath.call(span, () -> delegate.executeLargeUpdate(sql, columnIndexes), spans);
  }

  @Override
  public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
    Span span = begin(sql);
    return span == null
        ? delegate.executeLargeUpdate(sql, columnNames)
        : SpanPath.call(span, () -> delegate.executeLargeUpdate(sql, columnNames), spans);
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    Span span = begin(sql);
    return span == null ? delegate.execute(sql) : SpanPath.call(span, () -> delegate.execute(sql), spans);
  }

  @Override
  public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
    Span span = begin(sql);
    return span == null
        ? delegate.execute(sql, autoGeneratedKeys)
        : SpanPath.call(span, () -> delegate.execute(sql, autoGeneratedKeys), spans);
  }

  @Override
  public boolean execute(String sql, int[] columnIndexes) throws SQLException {
    Span span = begin(sql);
    return span == null
        ? delegate.execute(sql, columnIndexes)
        : SpanPath.call(span, () -> delegate.execute(sql, columnIndexes), spans);
  }

  @Override
  public boolean execute(String sql, String[] columnNames) throws SQLException {
    Span span = begin(sql);
    return span == null
        ? delegate.execute(sql, columnNames)
        : SpanPath.call(span, () -> delegate.execute(sql, columnNames), spans);
  }

  @Override
  public int[] executeBatch() throws SQLException {
    try {
      Span span = beginBatch();
      return span == null ? delegate.executeBatch() : SpanPath.call(span, delegate::executeBatch, spans);
    } finally {
      resetBatch(); // the driver empties its batch too, whatever happened
    }
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    try {
      Span span = beginBatch();
      return span == null
          ? delegate.executeLargeBatch()
          : SpanPath.call(span, delegate::executeLargeBatch, spans);
    } finally {
      resetBatch();
    }
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    delegate.addBatch(sql);
    batchSize++;
    if (batchTexts == null) {
      batchTexts = new ArrayList<>();
    }
    batchTexts.add(sql);
  }

  @Override
  public void clearBatch() throws SQLException {
    delegate.clearBatch();
    resetBatch();
  }

  // ---- the traced objects, not the driver's ----

  @Override
  public Connection getConnection() throws SQLException {
    return connection;
  }

  // ---- the rest, result sets included: straight to the driver ----

  @Override
  public ResultSet getResultSet() throws SQLException {
    return delegate.getResultSet();
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    return delegate.getGeneratedKeys();
  }

  @Override
  public void close() throws SQLException {
    delegate.close();
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    return delegate.getMaxFieldSize();
  }

  @Override
  public void setMaxFieldSize(int max) throws SQLException {
    delegate.setMaxFieldSize(max);
  }

  @Override
  public int getMaxRows() throws SQLException {
    return delegate.getMaxRows();
  }

  @Override
  public void setMaxRows(int max) throws SQLException {
    delegate.setMaxRows(max);
  }

  @Override
  public void setEscapeProcessing(boolean enable) throws SQLException {
    delegate.setEscapeProcessing(enable);
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    return delegate.getQueryTimeout();
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    delegate.setQueryTimeout(seconds);
  }

  @Override
  public void cancel() throws SQLException {
    delegate.cancel();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return delegate.getWarnings();
  }

  @Override
  public void clearWarnings() throws SQLException {
    delegate.clearWarnings();
  }

  @Override
  public void setCursorName(String name) throws SQLException {
    delegate.setCursorName(name);
  }

  @Override
  public int getUpdateCount() throws SQLException {
    return delegate.getUpdateCount();
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    return delegate.getMoreResults();
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    return delegate.getMoreResults(current);
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    delegate.setFetchDirection(direction);
  }

  @Override
  public int getFetchDirection() throws SQLException {
    return delegate.getFetchDirection();
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    delegate.setFetchSize(rows);
  }

  @Override
  public int getFetchSize() throws SQLException {
    return delegate.getFetchSize();
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    return delegate.getResultSetConcurrency();
  }

  @Override
  public int getResultSetType() throws SQLException {
    return delegate.getResultSetType();
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return delegate.getResultSetHoldability();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return delegate.isClosed();
  }

  @Override
  public void setPoolable(boolean poolable) throws SQLException {
    delegate.setPoolable(poolable);
  }

  @Override
  public boolean isPoolable() throws SQLException {
    return delegate.isPoolable();
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    delegate.closeOnCompletion();
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    return delegate.isCloseOnCompletion();
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    return delegate.getLargeUpdateCount();
  }

  @Override
  public void setLargeMaxRows(long max) throws SQLException {
    delegate.setLargeMaxRows(max);
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    return delegate.getLargeMaxRows();
  }

  @Override
  public String enquoteLiteral(String val) throws SQLException {
    return delegate.enquoteLiteral(val);
  }

  @Override
  public String enquoteIdentifier(String identifier, boolean alwaysQuote) throws SQLException {
    return delegate.enquoteIdentifier(identifier, alwaysQuote);
  }

  @Override
  public boolean isSimpleIdentifier(String identifier) throws SQLException {
    return delegate.isSimpleIdentifier(identifier);
  }

  @Override
  public String enquoteNCharLiteral(String val) throws SQLException {
    return delegate.enquoteNCharLiteral(val);
  }
}
