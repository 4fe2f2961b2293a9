package io.github.mackereltracing.internal.jdbc;

import jakarta.annotation.Nullable;
import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * The handler behind a traced connection: {@code createStatement*}, {@code prepareStatement*} and
 * {@code prepareCall*} answer traced statements ({@link TracedStatements}) that know the SQL they were prepared
 * with. Everything else goes straight to the driver's connection, {@code getMetaData()} included: the driver's
 * metadata makes no span, and its {@code getConnection()} answers the driver's connection (as OpenTelemetry's
 * JDBC instrumentation does; see docs/architecture.md, "JDBC").
 */
final class TracedConnections extends TracedJdbc {
  final JdbcSpans spans;

  private TracedConnections(Connection driver, JdbcSpans spans) {
    super(driver);
    this.spans = spans;
  }

  /** The driver's connection traced; itself when it is null or traced already. */
  @Nullable
  static Connection wrap(@Nullable Connection driver, JdbcSpans spans) {
    return driver == null || isTraced(driver) ? driver : proxy(Connection.class, new TracedConnections(driver, spans));
  }

  Connection driver() {
    return (Connection) target;
  }

  @Override
  @Nullable
  Object answer(Object self, Method method, @Nullable Object[] args) throws Throwable {
    Connection traced = (Connection) self;
    switch (method.getName()) {
      case "createStatement":
        return TracedStatements.wrap(Statement.class, (Statement) forward(method, args), traced, this, null);
      case "prepareStatement":
        return TracedStatements.wrap(
            PreparedStatement.class, (Statement) forward(method, args), traced, this, (String) args[0]);
      case "prepareCall":
        return TracedStatements.wrap(
            CallableStatement.class, (Statement) forward(method, args), traced, this, (String) args[0]);
      default:
        return forward(method, args);
    }
  }
}
