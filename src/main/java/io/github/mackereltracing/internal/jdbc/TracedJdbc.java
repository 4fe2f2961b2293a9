package io.github.mackereltracing.internal.jdbc;

import jakarta.annotation.Nullable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Wrapper;

/**
 * What the invocation handlers behind the traced connection and statements share. A traced object is a
 * {@link Proxy} showing exactly one JDBC interface ({@code Connection}, {@code Statement},
 * {@code PreparedStatement}, {@code CallableStatement}): its handler answers the few methods tracing changes
 * ({@link #handle}) and hands every other call, default methods included, to the driver's object. As
 * {@link Wrapper}s they answer {@code unwrap} with the traced object for the interfaces it shows and with the
 * driver's object for the rest (a pool's or driver's own interface); {@code toString} is the driver's, so logs
 * read as without tracing; {@code equals} and {@code hashCode} are the proxy's identity.
 */
abstract class TracedJdbc implements InvocationHandler {
  final Object driver;

  TracedJdbc(Object driver) {
    this.driver = driver;
  }

  /** A proxy showing {@code shown}, handled by {@code handler}, in the library's own class loader. */
  static <T> T proxy(Class<T> shown, TracedJdbc handler) {
    return shown.cast(Proxy.newProxyInstance(TracedJdbc.class.getClassLoader(), new Class<?>[] {shown}, handler));
  }

  /** Whether {@code object} is a traced object already. */
  static boolean isTraced(Object object) {
    return Proxy.isProxyClass(object.getClass()) && Proxy.getInvocationHandler(object) instanceof TracedJdbc;
  }

  @Override
  @Nullable
  public final Object invoke(Object self, Method method, @Nullable Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      switch (method.getName()) {
        case "equals":
          return self == args[0];
        case "hashCode":
          return System.identityHashCode(self);
        default:
          return driver.toString();
      }
    }
    switch (method.getName()) {
      case "unwrap":
        Class<?> iface = (Class<?>) args[0];
        return iface.isInstance(self) ? self : ((Wrapper) driver).unwrap(iface);
      case "isWrapperFor":
        return ((Class<?>) args[0]).isInstance(self) || ((Wrapper) driver).isWrapperFor((Class<?>) args[0]);
      default:
        return handle(self, method, args);
    }
  }

  /**
   * Answers a call of the JDBC interface on {@code self}, the traced object; what tracing does not change,
   * {@link #call} hands to the driver.
   */
  @Nullable
  abstract Object handle(Object self, Method method, @Nullable Object[] args) throws Throwable;

  /** Calls the driver's object; what it throws reaches the caller as the same instance. */
  @Nullable
  final Object call(Method method, @Nullable Object[] args) throws Throwable {
    try {
      return method.invoke(driver, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
