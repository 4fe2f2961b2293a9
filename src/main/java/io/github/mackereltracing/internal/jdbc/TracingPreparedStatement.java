package io.github.mackereltracing.internal.jdbc;

import java.sql.PreparedStatement;

/** A traced prepared statement: every execution, and every batch, is one span. */
final class TracingPreparedStatement extends PreparedStatementWrapper<PreparedStatement> {
  TracingPreparedStatement(PreparedStatement delegate, TracingConnection connection, String sql) {
    super(delegate, connection, sql);
  }
}
