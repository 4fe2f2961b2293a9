package io.github.mackereltracing.tck;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * The executor the TCK's {@code JaxRsServerAsyncTest} hands its subtasks to ({@code telemetry.tck.executor}).
 * The TCK asks for one "in whatever way is most appropriate for your server"; on an application server that
 * is a Jakarta Concurrency {@code ManagedExecutorService}, which runs tasks with the submitting application's
 * class loader as context class loader. This does the same on the common pool. OpenTelemetry's context is
 * not propagated here: the TCK wraps the executor with {@code Context.taskWrapping} itself.
 */
public final class DeploymentExecutor implements Executor {
  @Override
  public void execute(Runnable task) {
    ClassLoader application = Thread.currentThread().getContextClassLoader();
    ForkJoinPool.commonPool()
        .execute(
            () -> {
              Thread worker = Thread.currentThread();
              ClassLoader previous = worker.getContextClassLoader();
              worker.setContextClassLoader(application);
              try {
                task.run();
              } finally {
                worker.setContextClassLoader(previous);
              }
            });
  }
}
