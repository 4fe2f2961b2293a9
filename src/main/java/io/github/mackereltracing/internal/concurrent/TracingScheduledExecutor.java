package io.github.mackereltracing.internal.concurrent;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.Trigger;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The server's {@code ManagedScheduledExecutorService} with each run of a periodic task ({@code
 * scheduleAtFixedRate}, {@code scheduleWithFixedDelay}, a {@code Trigger}) made a root span by {@link
 * ScheduledRuns}. Everything else is the server's own: a one-shot {@code schedule(task, delay)} and every
 * submission stay in the submitting request's trace through the context provider, as before.
 */
public final class TracingScheduledExecutor implements ManagedScheduledExecutorService {
  private final ManagedScheduledExecutorService delegate;
  private final DeploymentTracing deployment;

  private TracingScheduledExecutor(ManagedScheduledExecutorService delegate, DeploymentTracing deployment) {
    this.delegate = delegate;
    this.deployment = deployment;
  }

  /** {@code executor} with its periodic runs traced; wrapping a wrapper returns it. */
  public static ManagedScheduledExecutorService wrap(ManagedScheduledExecutorService executor, DeploymentTracing deployment) {
    return executor instanceof TracingScheduledExecutor ? executor : new TracingScheduledExecutor(executor, deployment);
  }

  /**
   * {@link #wrap} for a caller that must not name Jakarta Concurrency's types (so that it links where they
   * are absent): {@code executor} is a {@code ManagedScheduledExecutorService}.
   */
  public static Object wrapObject(Object executor, DeploymentTracing deployment) {
    return wrap((ManagedScheduledExecutorService) executor, deployment);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    return delegate.scheduleAtFixedRate(ScheduledRuns.wrap(command, deployment), initialDelay, period, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return delegate.scheduleWithFixedDelay(ScheduledRuns.wrap(command, deployment), initialDelay, delay, unit);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, Trigger trigger) {
    return delegate.schedule(ScheduledRuns.wrap(command, deployment), trigger);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, Trigger trigger) {
    return delegate.schedule(ScheduledRuns.wrap(callable, deployment), trigger);
  }

  // The server's own from here on.

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return delegate.schedule(command, delay, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return delegate.schedule(callable, delay, unit);
  }

  @Override
  public <U> CompletableFuture<U> completedFuture(U value) {
    return delegate.completedFuture(value);
  }

  @Override
  public <U> CompletionStage<U> completedStage(U value) {
    return delegate.completedStage(value);
  }

  @Override
  public <T> CompletableFuture<T> copy(CompletableFuture<T> stage) {
    return delegate.copy(stage);
  }

  @Override
  public <T> CompletionStage<T> copy(CompletionStage<T> stage) {
    return delegate.copy(stage);
  }

  @Override
  public <U> CompletableFuture<U> failedFuture(Throwable ex) {
    return delegate.failedFuture(ex);
  }

  @Override
  public <U> CompletionStage<U> failedStage(Throwable ex) {
    return delegate.failedStage(ex);
  }

  @Override
  public ContextService getContextService() {
    return delegate.getContextService();
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return delegate.newIncompleteFuture();
  }

  @Override
  public CompletableFuture<Void> runAsync(Runnable runnable) {
    return delegate.runAsync(runnable);
  }

  @Override
  public <U> CompletableFuture<U> supplyAsync(Supplier<U> supplier) {
    return delegate.supplyAsync(supplier);
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    return delegate.shutdownNow();
  }

  @Override
  public boolean isShutdown() {
    return delegate.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return delegate.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return delegate.awaitTermination(timeout, unit);
  }

  @Override
  public <T> Future<T> submit(Callable<T> task) {
    return delegate.submit(task);
  }

  @Override
  public <T> Future<T> submit(Runnable task, T result) {
    return delegate.submit(task, result);
  }

  @Override
  public Future<?> submit(Runnable task) {
    return delegate.submit(task);
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
    return delegate.invokeAll(tasks);
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException {
    return delegate.invokeAll(tasks, timeout, unit);
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
    return delegate.invokeAny(tasks);
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    return delegate.invokeAny(tasks, timeout, unit);
  }

  @Override
  public void execute(Runnable command) {
    delegate.execute(command);
  }
}
