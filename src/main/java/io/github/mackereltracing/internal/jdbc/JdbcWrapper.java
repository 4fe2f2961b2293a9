package io.github.mackereltracing.internal.jdbc;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * What the traced connection and statements share as {@link Wrapper}s: {@link #unwrap} answers
 * the traced object for the interfaces it implements and the driver's object for the rest (a pool's or
 * driver's own interface), and {@link #toString()} is the driver's, so logs read as without tracing.
 */
abstract class JdbcWrapper<D extends Wrapper> implements Wrapper {
  final D delegate;

  JdbcWrapper(D delegate) {
    this.delegate = delegate;
  }

  @Override
  public final <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
  }

  @Override
  public final boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }

  @Override
  public final String toString() {
    return delegate.toString();
  }
}
