package io.github.mackereltracing.internal.jdbc;

import io.github.mackereltracing.internal.runtime.Forwarding;
import jakarta.annotation.Nullable;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Wrapper;

/**
 * What the invocation handlers behind the traced connection and statements share. A traced object is a
 * {@link Proxy} showing exactly one JDBC interface ({@code Connection}, {@code Statement},
 * {@code PreparedStatement}, {@code CallableStatement}): its handler answers the few methods tracing changes
 * ({@link #answer}) and hands every other call, default methods included, to the driver's object ({@link
 * Forwarding}: the driver's exceptions as thrown, identity equality, the driver's {@code toString}). As
 * {@link Wrapper}s they answer {@code unwrap} with the traced object for the interfaces it shows and with the
 * driver's object for the rest (a pool's or driver's own interface).
 */
abstract class TracedJdbc extends Forwarding {
  TracedJdbc(Object driver) {
    super(driver);
  }

  /** A proxy showing {@code shown}, handled by {@code handler}, in the library's own class loader. */
  static <T> T proxy(Class<T> shown, TracedJdbc handler) {
    return shown.cast(proxy(handler, shown));
  }

  /** Whether {@code object} is a traced object already. */
  static boolean isTraced(Object object) {
    return handlerOf(object, TracedJdbc.class) != null;
  }

  @Override
  @Nullable
  protected final Object handle(Object self, Method method, @Nullable Object[] args) throws Throwable {
    switch (method.getName()) {
      case "unwrap":
        Class<?> iface = (Class<?>) args[0];
        return iface.isInstance(self) ? self : ((Wrapper) target).unwrap(iface);
      case "isWrapperFor":
        return ((Class<?>) args[0]).isInstance(self) || ((Wrapper) target).isWrapperFor((Class<?>) args[0]);
      default:
        return answer(self, method, args);
    }
  }

  /**
   * Answers a call of the JDBC interface on {@code self}, the traced object; what tracing does not change,
   * {@link #forward} hands to the driver.
   */
  @Nullable
  abstract Object answer(Object self, Method method, @Nullable Object[] args) throws Throwable;
}
