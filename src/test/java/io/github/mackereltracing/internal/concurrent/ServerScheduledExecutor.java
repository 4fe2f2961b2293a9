package io.github.mackereltracing.internal.concurrent;

import io.opentelemetry.context.Context;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * A stand-in for a server's {@code ManagedScheduledExecutorService}: a real scheduled pool that, like the
 * servers' context providers, runs every task (each run of a periodic one too) in the context of the
 * thread that scheduled it.
 */
final class ServerScheduledExecutor {
  private ServerScheduledExecutor() {}

  static ManagedScheduledExecutorService create(ScheduledThreadPoolExecutor pool) {
    return (ManagedScheduledExecutorService) Proxy.newProxyInstance(
        ServerScheduledExecutor.class.getClassLoader(),
        new Class<?>[] {ManagedScheduledExecutorService.class},
        (proxy, method, args) -> {
          Object[] carried = args == null ? null : args.clone();
          if (carried != null && carried.length > 0) {
            Context scheduler = Context.current();
            if (carried[0] instanceof Runnable task) {
              carried[0] = scheduler.wrap(task);
            } else if (carried[0] instanceof Callable<?> task) {
              carried[0] = scheduler.wrap(task);
            }
          }
          try {
            return ScheduledThreadPoolExecutor.class
                .getMethod(method.getName(), method.getParameterTypes())
                .invoke(pool, carried);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
