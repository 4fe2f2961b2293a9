package io.github.mackereltracing.internal.runtime;

import jakarta.annotation.Nullable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A deployment's set-up step that could not be finished at start-up because what it hooks into does not exist
 * yet (Open Liberty creates an EclipseLink persistence unit on its first use, typically in the first request
 * that needs it). The servlet filter offers it a run after each request; it runs at most once a second, on the
 * request's own thread (the library starts no thread for it), until it reports itself done. Costs a request
 * one volatile read once nothing is pending.
 */
public final class PendingSetup {
  private static final Logger LOG = Logger.getLogger(PendingSetup.class.getName());
  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  @Nullable private volatile BooleanSupplier step;
  private final AtomicLong nextRun = new AtomicLong();

  /** Runs {@code step} after requests until it returns true (done), throws, or another step replaces it. */
  public void retry(BooleanSupplier step) {
    nextRun.set(System.nanoTime());
    this.step = step;
  }

  /** Whether a step is still waiting to be done. */
  public boolean pending() {
    return step != null;
  }

  /** Runs the pending step if a second has passed since its last run; called after a request. Never throws. */
  public void runIfDue() {
    BooleanSupplier current = step;
    if (current == null) {
      return;
    }
    long now = System.nanoTime();
    long due = nextRun.get();
    if (now - due < 0 || !nextRun.compareAndSet(due, now + INTERVAL_NANOS)) {
      return; // not yet, or another request's thread runs it now
    }
    try {
      if (current.getAsBoolean() && step == current) {
        step = null;
      }
    } catch (RuntimeException | LinkageError e) {
      step = null;
      LOG.log(Level.WARNING, "Mackerel tracing: a set-up step left for after start-up failed; it is not retried", e);
    }
  }
}
