package io.github.mackereltracing.internal.export;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Counts the spans one deployment lost (export failed, or the queue was full) and says so in one line at
 * most once a minute, and once more at undeploy: never a line per span or per request. At undeploy it also
 * counts the spans that were still queued or being sent when the bounded wait for the flush ended, so that
 * every span is either delivered or counted.
 */
public final class SpanLossReport {
  private static final Logger LOG = Logger.getLogger(SpanLossReport.class.getName());
  static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final String deployment;
  private final String endpoint;
  private final LongSupplier clock;
  private final Object lock = new Object();
  private long failed;
  private String lastCause;
  private long dropped;
  private long lastReportNanos;
  /** Spans whose export has completed, either way. */
  private long settled;
  /** Spans let into the export queue so far; null when they are not counted (no {@link QueueGuard}). */
  private LongSupplier admitted;
  private boolean closed;
  /** Run once closed: stops what is still being sent, since it is counted as lost from then on. */
  private Runnable onClose = () -> { };

  public SpanLossReport(String deployment, String endpoint) {
    this(deployment, endpoint, System::nanoTime);
  }

  SpanLossReport(String deployment, String endpoint, LongSupplier clock) {
    this.deployment = deployment;
    this.endpoint = endpoint;
    this.clock = clock;
    this.lastReportNanos = clock.getAsLong() - INTERVAL_NANOS;
  }

  /** Counts, from now on, the spans {@code admitted} says were let into the export queue. */
  void countAdmitted(LongSupplier admitted) {
    synchronized (lock) {
      this.admitted = admitted;
    }
  }

  /** {@code action} runs when the report is closed (the undeploy has stopped waiting for the flush). */
  void onClose(Runnable action) {
    synchronized (lock) {
      Runnable earlier = onClose;
      onClose = () -> {
        earlier.run();
        action.run();
      };
    }
  }

  /**
   * The export of {@code spans} has completed: delivered, or failed for good (after the exporter's retries)
   * with {@code cause}. Ignored after {@link #close}, which counted them as still being sent.
   */
  void exportCompleted(int spans, boolean delivered, String cause) {
    String report = null;
    synchronized (lock) {
      if (closed) {
        return;
      }
      settled += spans;
      if (!delivered) {
        failed += spans;
        lastCause = cause;
        report = dueReport();
      }
    }
    log(report);
  }

  /** Spans whose export failed for good. */
  void exportFailed(int spans, String cause) {
    exportCompleted(spans, false, cause);
  }

  /** A span dropped because the export queue was full. */
  void droppedOnFullQueue() {
    String report;
    synchronized (lock) {
      if (closed) {
        return;
      }
      dropped++;
      report = dueReport();
    }
    log(report);
  }

  /**
   * The final count, at undeploy, once the flush has ended or its wait has run out: spans still queued or
   * being sent then are counted as lost (should one of those exports still succeed later, the count is one
   * batch too high, never too low). Later events are ignored, and what is still being sent is stopped
   * ({@link #onClose}), so that no export outlives the undeploy.
   */
  public void close() {
    String report;
    Runnable stop;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      long unsettled = admitted == null ? 0 : Math.max(0, admitted.getAsLong() - settled);
      report = failed + dropped + unsettled > 0 ? report(unsettled) : null;
      stop = onClose;
    }
    log(report);
    stop.run();
  }

  private String dueReport() {
    long now = clock.getAsLong();
    if (now - lastReportNanos < INTERVAL_NANOS) {
      return null;
    }
    lastReportNanos = now;
    return report(0);
  }

  /** With the lock held; starts a new count. */
  private String report(long unsettled) {
    StringBuilder line = new StringBuilder("Mackerel tracing, deployment '").append(deployment).append("': ");
    if (failed > 0) {
      line.append(failed).append(" span(s) could not be delivered to ").append(endpoint)
          .append(" (last cause: ").append(lastCause).append(")");
    }
    if (dropped > 0) {
      line.append(failed > 0 ? "; " : "").append(dropped)
          .append(" span(s) were dropped because the export queue was full (otel.bsp.max.queue.size)");
    }
    if (unsettled > 0) {
      line.append(failed + dropped > 0 ? "; " : "").append(unsettled)
          .append(" span(s) were still queued or being sent when the undeploy stopped waiting for them");
    }
    line.append(". The application is not affected; later spans are sent as soon as the endpoint takes them.");
    failed = 0;
    dropped = 0;
    return line.toString();
  }

  private static void log(String report) {
    if (report != null) {
      LOG.warning(report);
    }
  }
}
