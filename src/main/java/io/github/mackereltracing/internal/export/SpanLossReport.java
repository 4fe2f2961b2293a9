package io.github.mackereltracing.internal.export;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Counts the spans one deployment lost (export failed, or the queue was full) and says so in one line at
 * most once a minute, and once more at undeploy: never a line per span or per request.
 */
public final class SpanLossReport {
  private static final Logger LOG = Logger.getLogger("io.github.mackereltracing");
  static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final String deployment;
  private final String endpoint;
  private final LongSupplier clock;
  private final Object lock = new Object();
  private long failed;
  private String lastCause;
  private long dropped;
  private long lastReportNanos;

  public SpanLossReport(String deployment, String endpoint) {
    this(deployment, endpoint, System::nanoTime);
  }

  SpanLossReport(String deployment, String endpoint, LongSupplier clock) {
    this.deployment = deployment;
    this.endpoint = endpoint;
    this.clock = clock;
    this.lastReportNanos = clock.getAsLong() - INTERVAL_NANOS;
  }

  /** Spans whose export failed for good (after the exporter's retries). */
  void exportFailed(int spans, String cause) {
    String report;
    synchronized (lock) {
      failed += spans;
      lastCause = cause;
      report = dueReport();
    }
    log(report);
  }

  /** A span dropped because the export queue was full. */
  void droppedOnFullQueue() {
    String report;
    synchronized (lock) {
      dropped++;
      report = dueReport();
    }
    log(report);
  }

  /** The final count, at undeploy. */
  void close() {
    String report;
    synchronized (lock) {
      report = failed + dropped > 0 ? report() : null;
    }
    log(report);
  }

  private String dueReport() {
    long now = clock.getAsLong();
    if (now - lastReportNanos < INTERVAL_NANOS) {
      return null;
    }
    lastReportNanos = now;
    return report();
  }

  /** With the lock held; starts a new count. */
  private String report() {
    StringBuilder line = new StringBuilder("Mackerel tracing, deployment '").append(deployment).append("': ");
    if (failed > 0) {
      line.append(failed).append(" span(s) could not be delivered to ").append(endpoint)
          .append(" (last cause: ").append(lastCause).append(")");
    }
    if (dropped > 0) {
      line.append(failed > 0 ? "; " : "").append(dropped)
          .append(" span(s) were dropped because the export queue was full (otel.bsp.max.queue.size)");
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
