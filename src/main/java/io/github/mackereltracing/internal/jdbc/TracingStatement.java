package io.github.mackereltracing.internal.jdbc;

import java.sql.Statement;

/** A traced plain statement: every {@code execute*} of SQL text is one span. */
final class TracingStatement extends StatementWrapper<Statement> {
  TracingStatement(Statement delegate, TracingConnection connection) {
    super(delegate, connection);
  }
}
