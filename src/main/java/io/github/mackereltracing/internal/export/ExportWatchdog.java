package io.github.mackereltracing.internal.export;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an action when an export's deadline passes, without a thread of ours.
 *
 * <p>A blocked socket write has no timeout in Java, and {@code HttpURLConnection} takes its read timeout
 * per read, so only another thread can end an export at its deadline (by closing the connection). A thread
 * per deployment would break "one thread per deployment", and any thread a deployment's code starts keeps
 * that deployment's class loader (its context loader, and the access-control context a new thread
 * inherits from the stack that made it). The JDK already runs one scheduler per JVM for
 * {@link CompletableFuture#orTimeout}: the daemon thread {@code CompletableFutureDelayScheduler}, shared by
 * everyone, started once and never stopped. We use it; our timer is removed from its queue as soon as
 * the export ends (the JDK cancels it with remove-on-cancel), so between exports it holds nothing of ours.
 *
 * <p>That thread is started by whoever schedules first, and inherits from them. So that it never inherits
 * a deployment (ours, or any other WAR's), the first use from this copy of the library makes sure it is
 * started from the JDK's common pool, whose threads carry the system class loader and no application
 * frame: a timer of 0 ms is scheduled there by the completion of a future, on a stack of JDK frames only.
 * If the scheduler is already running, this costs one no-op task.
 */
final class ExportWatchdog {
  private static final long START_WAIT_MILLIS = 2_000;
  private static volatile boolean started;

  private ExportWatchdog() {}

  /** A timer that can be cancelled; cancelling after it fired does nothing. */
  interface Timer {
    void cancel();
  }

  /** Runs {@code onExpiry} (on the JDK's scheduler thread) after {@code delayNanos}, unless cancelled first. */
  static Timer after(long delayNanos, Runnable onExpiry) {
    startSchedulerCleanly();
    CompletableFuture<Void> deadline = new CompletableFuture<>();
    deadline.whenComplete((ignored, failure) -> {
      if (failure instanceof TimeoutException) {
        onExpiry.run();
      }
    });
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(null); // should the scheduler still start here after all, not with ours
    try {
      deadline.orTimeout(Math.max(1, delayNanos), TimeUnit.NANOSECONDS);
    } finally {
      thread.setContextClassLoader(previous);
    }
    return () -> deadline.complete(null);
  }

  private static void startSchedulerCleanly() {
    if (started) {
      return;
    }
    synchronized (ExportWatchdog.class) {
      if (started) {
        return;
      }
      try {
        CompletableFuture<Void> trigger = new CompletableFuture<>();
        // Dependent on the trigger: scheduled by whichever thread completes it, here a common-pool thread,
        // after our supplier has returned (no frame of ours on its stack).
        CompletableFuture<Void> ran = trigger.thenRunAsync(
            () -> { }, CompletableFuture.delayedExecutor(0, TimeUnit.MILLISECONDS, ForkJoinPool.commonPool()));
        trigger.completeAsync(() -> null, ForkJoinPool.commonPool());
        ran.get(START_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return; // tried again next time
      } catch (Exception | LinkageError e) {
        // A common pool that cannot run it (a server's own policy): the deadline still works, started here.
      }
      started = true;
    }
  }
}
