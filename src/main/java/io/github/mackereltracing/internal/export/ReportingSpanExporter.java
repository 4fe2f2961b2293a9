package io.github.mackereltracing.internal.export;

import io.github.mackereltracing.internal.config.Secrets;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.annotation.Nullable;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Tells the user, in few lines, when spans do not arrive: a rejected key once, with what to do about it;
 * lost spans through the deployment's {@link SpanLossReport}. The exporter itself retries (429, 502, 503,
 * 504 and connection errors, honouring Retry-After). It also counts what it is handed, for {@link
 * QueueGuard}.
 */
public final class ReportingSpanExporter implements SpanExporter {
  private static final Logger LOG = Logger.getLogger(ReportingSpanExporter.class.getName());

  private final SpanExporter delegate;
  private final String deployment;
  private final String endpoint;
  private final String apiKey;
  private final SpanLossReport losses;
  private final AtomicBoolean credentialsReported = new AtomicBoolean();
  private final AtomicLong handedOver = new AtomicLong();
  private final AtomicBoolean shutDown = new AtomicBoolean();

  /**
   * @param apiKey the Mackerel key, or null; used only to mask it in what we log
   */
  public ReportingSpanExporter(
      SpanExporter delegate, String deployment, String endpoint, @Nullable String apiKey, SpanLossReport losses) {
    this.delegate = delegate;
    this.deployment = deployment;
    this.endpoint = endpoint;
    this.apiKey = apiKey;
    this.losses = losses;
    // Once the undeploy has stopped waiting for the flush, the spans still being sent are counted as lost:
    // stop sending them, rather than let the batch worker (and the deployment's class loader) live on.
    losses.onClose(this::shutDownOnce);
  }

  /** How many spans the batch processor has handed to this exporter so far. */
  long handedOver() {
    return handedOver.get();
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    int count = spans.size();
    handedOver.addAndGet(count);
    CompletableResultCode result = delegate.export(spans);
    result.whenComplete(() -> {
      if (result.isSuccess()) {
        losses.exportCompleted(count, true, null);
      } else {
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
    losses.exportFailed(spans, Secrets.scrub(ExportFailures.describe(failure, status), apiKey));
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  /**
   * Shuts the exporter down; the deployment closes the loss report once the SDK's shutdown is over or its
   * wait ran out, which shuts the exporter down too, if it still runs: an export in flight is cut off and the
   * batches left fail at once. Whichever comes first shuts it down (the SDK's exporter logs a second call).
   */
  @Override
  public CompletableResultCode shutdown() {
    return shutDownOnce();
  }

  private CompletableResultCode shutDownOnce() {
    return shutDown.compareAndSet(false, true) ? delegate.shutdown() : CompletableResultCode.ofSuccess();
  }

  @Override
  public String toString() {
    return "ReportingSpanExporter{" + delegate + "}";
  }
}
