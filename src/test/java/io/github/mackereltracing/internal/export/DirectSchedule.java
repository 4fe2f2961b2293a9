package io.github.mackereltracing.internal.export;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sets a {@code CompletableFuture} timer straight from a deployment's code, as {@link ExportWatchdog} would
 * without its care: {@link ExportWatchdogTest} shows that this pins the deployment's class loader.
 */
public final class DirectSchedule implements Runnable {
  @Override
  public void run() {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(null); // not even the context loader: the stack alone pins it
    try {
      CompletableFuture<Void> timer = new CompletableFuture<>();
      timer.orTimeout(10, TimeUnit.MILLISECONDS);
      timer.complete(null);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
