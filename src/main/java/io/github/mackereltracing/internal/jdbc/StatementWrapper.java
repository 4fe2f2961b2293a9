package io.github.mackereltracing.internal.jdbc;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
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
 * is one CLIENT span, ended when the driver returns or throws; the driver's exception is rethrown as it
 * was. Result sets and {@link #getConnection()} answer the traced objects; everything else goes straight
 * to the driver's statement.
 */
abstract class StatementWrapper<S extends Statement> implements Statement {
  final S delegate;
  final TracingConnection connection;
  final DataSourceTracer tracer;
  private int batchSize;
  private List<String> batchTexts; // what Statement.addBatch(String) added
  private TracingResultSet lastResultSet;

  StatementWrapper(S delegate, TracingConnection connection) {
    this.delegate = delegate;
    this.connection = connection;
    this.tracer = connection.tracer;
  }

  // ---- spans ----

  /** The span of running {@code sql}, or null when none is to be made. */
  final Span start(String sql) {
    JdbcTracing t = tracer.tracing();
    if (t == null) {
      return null;
    }
    Context parent = t.parent();
    if (parent == null) {
      return null;
    }
    DbInfo db = tracer.dbInfo(connection.delegate);
    return tracer.startStatement(t, parent, db, db.sanitizer.info(sql), -1);
  }

  /** The span of running the prepared text, or null; {@code batchSize}: as in {@link #startBatch}. */
  final Span startPrepared(int batchSize) {
    JdbcTracing t = tracer.tracing();
    if (t == null) {
      return null;
    }
    Context parent = t.parent();
    if (parent == null) {
      return null;
    }
    DbInfo db = tracer.dbInfo(connection.delegate);
    SqlInfo info = preparedInfo(db);
    return tracer.startStatement(t, parent, db, batchSize < 0 ? info : info.asBatch(), batchSize);
  }

  /**
   * The span of running the batch. A batch of one statement is one operation as the semantic conventions
   * see it: named and sized like a single statement.
   */
  private Span startBatch() {
    int size = batchSize;
    if (batchTexts == null || batchTexts.isEmpty()) {
      return startPrepared(size == 1 ? -1 : size);
    }
    JdbcTracing t = tracer.tracing();
    if (t == null) {
      return null;
    }
    Context parent = t.parent();
    if (parent == null) {
      return null;
    }
    DbInfo db = tracer.dbInfo(connection.delegate);
    SqlInfo info = batchInfo(db.sanitizer);
    return tracer.startStatement(t, parent, db, size == 1 ? info : info.asBatch(), size == 1 ? -1 : size);
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

  /** The traced result set for the driver's; the same one while the driver answers the same. */
  final ResultSet resultSet(ResultSet raw) {
    if (raw == null) {
      return null;
    }
    TracingResultSet last = lastResultSet;
    if (last == null || last.delegate != raw) {
      last = new TracingResultSet(raw, this);
      lastResultSet = last;
    }
    return last;
  }

  // ---- executions: traced ----

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    Span span = start(sql);
    try {
      return resultSet(delegate.executeQuery(sql));
    } catch (Throwable e) {
      tracer.fail(span, e);
      throw e;
    } finally {
      DataSourceTracer.end(span);
    }
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    Span span = start(sql);
    try {
      return delegate.executeUpdate(sql);
    } catch (Throwable e) {
      tracer.fail(span, e);
      throw e;
    } finally {
      DataSourceTracer.end(span);
    }
  }

  @Override
  public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    Span span = start(sql);
    try {
      return delegate.executeUpdate(sql, autoGeneratedKeys);
    } catch (Throwable e) {
      tracer.fail(span, e);
      throw e;
    } finally {
      DataSourceTracer.end(span);
    }
  }

  @Override
  public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
    Span span = start(sql);
    try {
      return delegate.executeUpdate(sql, columnIndexes);
    } catch (Throwable e) {
      tracer.fail(span, e);
      throw e;
    } finally {
      DataSourceTracer.end(span);
    }
  }

  @Override
  public int executeUpdate(String sql, String[] columnNames) throws SQLException {
    Span span = start(sql);
    try {
      return delegate.executeUpdate(sql, columnNames);
    } catch (Throwable e) {
      tracer.fail(span, e);
      throw e;
    } finally {
      DataSourceTracer.end(span);
    }
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    Span span = start(sql);
    try {
      return delegate.executeLargeUpdate(sql);
    } catch (Throwable e) {
      tracer.fail(span, e);
      throw e;
    } finally {
      DataSourceTracer.end(span);
    }
  }

  @Override
  public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    Span span = start(sql);
    try {
      return delegate.executeLargeUpdate(sql, autoGeneratedKeys);
    } catch (Throwable e) {
      tracer.fail(span, e);
      throw e;
    } finally {
      DataSourceTracer.end(span);
    }
  }

  @Override
  public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
    Span span = start(sql);
    try {
      return delegate.executeLargeUpdate(sql, columnIndexes);
    } catch (Throwable e) {
      tracer.fail(span, e);
      throw e;
    } finally {
      DataSourceTracer.end(span);
    }
  }

  @Override
  public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
    Span span = start(sql);
    try {
      return delegate.executeLargeUpdate(sql, columnNames);
    } catch (Throwable e) {
      tracer.fail(span, e);
      throw e;
    } finally {
      DataSourceTracer.end(span);
    }
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    Span span = start(sql);
    try {
      return delegate.execute(sql);
    } catch (Throwable e) {
      tracer.fail(span, e);
      throw e;
    } finally {
      DataSourceTracer.end(span);
    }
  }

  @Override
  public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
    Span span = start(sql);
    try {
      return delegate.execute(sql, autoGeneratedKeys);
    } catch (Throwable e) {
      tracer.fail(span, e);
      throw e;
    } finally {
      DataSourceTracer.end(span);
    }
  }

  @Override
  public boolean execute(String sql, int[] columnIndexes) throws SQLException {
    Span span = start(sql);
    try {
      return delegate.execute(sql, columnIndexes);
    } catch (Throwable e) {
      tracer.fail(span, e);
      throw e;
    } finally {
      DataSourceTracer.end(span);
    }
  }

  @Override
  public boolean execute(String sql, String[] columnNames) throws SQLException {
    Span span = start(sql);
    try {
      return delegate.execute(sql, columnNames);
    } catch (Throwable e) {
      tracer.fail(span, e);
      throw e;
    } finally {
      DataSourceTracer.end(span);
    }
  }

  @Override
  public int[] executeBatch() throws SQLException {
    Span span = startBatch();
    try {
      return delegate.executeBatch();
    } catch (Throwable e) {
      tracer.fail(span, e);
      throw e;
    } finally {
      resetBatch(); // the driver empties its batch too, whatever happened
      DataSourceTracer.end(span);
    }
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    Span span = startBatch();
    try {
      return delegate.executeLargeBatch();
    } catch (Throwable e) {
      tracer.fail(span, e);
      throw e;
    } finally {
      resetBatch();
      DataSourceTracer.end(span);
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

  @Override
  public ResultSet getResultSet() throws SQLException {
    return resultSet(delegate.getResultSet());
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    return resultSet(delegate.getGeneratedKeys());
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return delegate.toString();
  }

  // ---- the rest: straight to the driver ----

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
