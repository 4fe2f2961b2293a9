package io.github.mackereltracing.internal.runtime;

import jakarta.annotation.Nullable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * What the library's {@link Proxy} wrappers of container and driver objects (JDBC, Jakarta Messaging, the
 * scheduled executor) share: a subclass answers the few methods that tracing changes in {@link #handle}, and
 * hands every other call to the wrapped object with {@link #forward}, whose exceptions reach the caller as the
 * same instances. {@code equals} and {@code hashCode} are the proxy's identity (two proxies of one object are
 * two objects, as two hand-written wrappers would be); {@code toString} is the wrapped object's, so that logs
 * read as without tracing.
 */
public abstract class Forwarding implements InvocationHandler {
  /** The container's or driver's object. */
  protected final Object target;

  protected Forwarding(Object target) {
    this.target = target;
  }

  /** A proxy showing {@code interfaces}, answered by {@code handler}; defined in the library's class loader. */
  public static Object proxy(Forwarding handler, Class<?>... interfaces) {
    return Proxy.newProxyInstance(Forwarding.class.getClassLoader(), interfaces, handler);
  }

  /** The handler behind {@code object} when it is a proxy of {@code type}'s, else null. */
  @Nullable
  public static <H extends Forwarding> H handlerOf(@Nullable Object object, Class<H> type) {
    if (object == null || !Proxy.isProxyClass(object.getClass())) {
      return null;
    }
    InvocationHandler handler = Proxy.getInvocationHandler(object);
    return type.isInstance(handler) ? type.cast(handler) : null;
  }

  @Override
  @Nullable
  public final Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      switch (method.getName()) {
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        default:
          return target.toString();
      }
    }
    return handle(proxy, method, args);
  }

  /** Any call but {@code equals}, {@code hashCode} and {@code toString}. */
  @Nullable
  protected abstract Object handle(Object proxy, Method method, @Nullable Object[] args) throws Throwable;

  /** Calls the wrapped object; what it throws reaches the caller as it was thrown. */
  @Nullable
  protected final Object forward(Method method, @Nullable Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
