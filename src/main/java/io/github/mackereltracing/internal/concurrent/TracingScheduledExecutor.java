package io.github.mackereltracing.internal.concurrent;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Forwarding;
import jakarta.annotation.Nullable;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.reflect.Method;
import java.util.concurrent.Callable;

/**
 * The server's {@code ManagedScheduledExecutorService} with each run of a periodic task ({@code
 * scheduleAtFixedRate}, {@code scheduleWithFixedDelay}, a {@code Trigger}) made a root span by {@link
 * ScheduledRuns}. Everything else is the server's own: a one-shot {@code schedule(task, delay)} and every
 * submission stay in the submitting request's trace through the context provider, as before. A proxy (see
 * {@link Forwarding}): the interface has some thirty methods, and four of them matter here.
 */
public final class TracingScheduledExecutor extends Forwarding {
  private final DeploymentTracing deployment;

  private TracingScheduledExecutor(ManagedScheduledExecutorService delegate, DeploymentTracing deployment) {
    super(delegate);
    this.deployment = deployment;
  }

  /** {@code executor} with its periodic runs traced; wrapping a wrapper returns it. */
  public static ManagedScheduledExecutorService wrap(ManagedScheduledExecutorService executor, DeploymentTracing deployment) {
    if (handlerOf(executor, TracingScheduledExecutor.class) != null) {
      return executor;
    }
    TracingScheduledExecutor handler = new TracingScheduledExecutor(executor, deployment);
    return (ManagedScheduledExecutorService) proxy(handler, ManagedScheduledExecutorService.class);
  }

  /**
   * {@link #wrap} for a caller that must not name Jakarta Concurrency's types (so that it links where they
   * are absent): {@code executor} is a {@code ManagedScheduledExecutorService}.
   */
  public static Object wrapObject(Object executor, DeploymentTracing deployment) {
    return wrap((ManagedScheduledExecutorService) executor, deployment);
  }

  @Override
  @Nullable
  protected Object handle(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
    if (args != null && periodic(method)) {
      args[0] = method.getParameterTypes()[0] == Runnable.class
          ? ScheduledRuns.wrap((Runnable) args[0], deployment)
          : ScheduledRuns.wrap((Callable<?>) args[0], deployment);
    }
    return forward(method, args);
  }

  /** {@code scheduleAtFixedRate}, {@code scheduleWithFixedDelay}, and {@code schedule} with a {@code Trigger}. */
  private static boolean periodic(Method method) {
    String name = method.getName();
    return name.equals("scheduleAtFixedRate")
        || name.equals("scheduleWithFixedDelay")
        || (name.equals("schedule") && method.getParameterCount() == 2);
  }
}
