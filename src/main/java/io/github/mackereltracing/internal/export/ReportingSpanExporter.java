package io.github.mackereltracing.internal.export;

import io.github.mackereltracing.internal.config.Secrets;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Tells the user, in few lines, when spans do not arrive: a rejected key once, with what to do about it;
 * lost spans as a count at most once a minute and at undeploy, never a line per span or per request. The
 * exporter itself retries (429, 502, 503, 504 and connection errors, honouring Retry-After).
 */
public final class ReportingSpanExporter implements SpanExporter {
  private static final Logger LOG = Logger.getLogger("io.github.mackereltracing");
  static final long REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final SpanExporter delegate;
  private final String deployment;
  private final String endpoint;
  private final String apiKey;
  private final Object lock = new Object();
  private final AtomicBoolean credentialsReported = new AtomicBoolean();
  private long lostSinceReport;
  private String lastCause;
  private final java.util.function.LongSupplier clock;
  private long lastReportNanos;

  /**
   * @param apiKey the Mackerel key, or null; used only to mask it in what we log
   */
  public ReportingSpanExporter(SpanExporter delegate, String deployment, String endpoint, String apiKey) {
    this(delegate, deployment, endpoint, apiKey, System::nanoTime);
  }

  ReportingSpanExporter(
      SpanExporter delegate, String deployment, String endpoint, String apiKey, java.util.function.LongSupplier clock) {
    this.clock = clock;
    this.lastReportNanos = clock.getAsLong() - REPORT_INTERVAL_NANOS;
    this.delegate = delegate;
    this.deployment = deployment;
    this.endpoint = endpoint;
    this.apiKey = apiKey;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    int count = spans.size();
    CompletableResultCode result = delegate.export(spans);
    result.whenComplete(() -> {
      if (!result.isSuccess()) {
        failed(count, result.getFailureThrowable());
      }
    });
    return result;
  }

  private void failed(int spans, Throwable failure) {
    int status = ExportFailures.httpStatus(failure);
    if ((status == 401 || status == 403) && credentialsReported.compareAndSet(false, true)) {
      LOG.severe("Mackerel tracing, deployment '" + deployment + "': " + endpoint + " answered HTTP " + status
          + (apiKey != null
              ? ": the API key " + Secrets.mask(apiKey) + " was rejected. It needs Write permission in Mackerel"
                  + " (a permission change takes about a minute to apply)."
              : ": the credentials in otel.exporter.otlp.headers were rejected."));
    }
    String cause = Secrets.scrub(ExportFailures.describe(failure, status), apiKey);
    long now = clock.getAsLong();
    String report = null;
    synchronized (lock) {
      lostSinceReport += spans;
      lastCause = cause;
      if (now - lastReportNanos >= REPORT_INTERVAL_NANOS) {
        report = lostReport();
        lastReportNanos = now;
      }
    }
    if (report != null) {
      LOG.warning(report);
    }
  }

  /** Called with the lock held; resets the count. */
  private String lostReport() {
    String report = "Mackerel tracing, deployment '" + deployment + "': " + lostSinceReport
        + " span(s) could not be delivered to " + endpoint + " (last cause: " + lastCause
        + "). The application is not affected; later spans are sent as soon as the endpoint takes them again.";
    lostSinceReport = 0;
    return report;
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    CompletableResultCode result = delegate.shutdown();
    String report = null;
    synchronized (lock) {
      if (lostSinceReport > 0) {
        report = lostReport();
      }
    }
    if (report != null) {
      LOG.warning(report);
    }
    return result;
  }

  @Override
  public String toString() {
    return "ReportingSpanExporter{" + delegate + "}";
  }
}
