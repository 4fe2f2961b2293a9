package io.github.mackereltracing.internal.jdbc;

import io.github.mackereltracing.internal.span.SpanPath;
import jakarta.annotation.Nullable;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource whose connections are traced (see {@link TracedConnections}). Public for the CDI
 * extension; applications use {@link io.github.mackereltracing.jdbc.TracedDataSource}.
 */
public final class TracingDataSource implements DataSource {
  private final DataSource delegate;
  private final JdbcSpans spans;
  private final boolean byContainer;

  private TracingDataSource(DataSource delegate, @Nullable JdbcTelemetry given, boolean byContainer) {
    this.delegate = delegate;
    this.spans = new JdbcSpans(delegate.getClass(), given);
    this.byContainer = byContainer;
  }

  /**
   * {@code dataSource} traced: itself when it is traced already (also behind another wrapper), else a
   * new traced DataSource that finds the deployment's tracing when statements run.
   *
   * @param byContainer whether the CDI extension, not the application, asks; see {@link #unwrapIfWrappedByContainer}
   */
  @Nullable
  public static DataSource wrap(@Nullable DataSource dataSource, boolean byContainer) {
    if (dataSource == null || isTraced(dataSource)) {
      return dataSource;
    }
    return new TracingDataSource(dataSource, null, byContainer);
  }

  /** A DataSource traced with the given tracing rather than the deployment's: for tests and benchmarks. */
  static TracingDataSource create(DataSource dataSource, JdbcTelemetry tracing) {
    return new TracingDataSource(dataSource, tracing, false);
  }

  /**
   * What the application's producer made, given what the CDI extension handed out: a disposer method
   * must receive the instance its producer returned, not the extension's wrapper.
   */
  public static DataSource unwrapIfWrappedByContainer(DataSource dataSource) {
    return dataSource instanceof TracingDataSource && ((TracingDataSource) dataSource).byContainer
        ? ((TracingDataSource) dataSource).delegate
        : dataSource;
  }

  private static boolean isTraced(DataSource dataSource) {
    if (dataSource instanceof TracingDataSource) {
      return true;
    }
    try {
      // A pool around a traced DataSource: wrapping it again would make two spans per statement.
      return dataSource.isWrapperFor(TracingDataSource.class);
    } catch (SQLException | RuntimeException | LinkageError e) {
      return false;
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    return SpanPath.call(spans.beginConnection(), () -> connection(delegate.getConnection()), spans);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return SpanPath.call(
        spans.beginConnection(), () -> connection(delegate.getConnection(username, password)), spans);
  }

  /**
   * Connections built with the JDBC 4.3 builder are traced too: the builder is the driver's, seen through a
   * proxy whose {@code build()} makes a traced connection (its setters answer the proxy, for chained calls).
   */
  @Override
  public ConnectionBuilder createConnectionBuilder() throws SQLException {
    return TracedJdbc.proxy(ConnectionBuilder.class, new TracedJdbc(delegate.createConnectionBuilder()) {
      @Override
      @Nullable
      Object answer(Object self, Method method, @Nullable Object[] args) throws Throwable {
        if (method.getName().equals("build")) {
          return SpanPath.call(spans.beginConnection(), () -> connection((Connection) forward(method, args)), spans);
        }
        Object result = forward(method, args);
        return result == target ? self : result;
      }
    });
  }

  @Nullable
  private Connection connection(@Nullable Connection raw) {
    return TracedConnections.wrap(raw, spans);
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
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public String toString() {
    return "TracedDataSource[" + delegate + "]";
  }
}
