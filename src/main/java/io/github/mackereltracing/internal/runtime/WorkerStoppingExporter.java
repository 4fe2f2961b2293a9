package io.github.mackereltracing.internal.runtime;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * Lets the SDK's batch worker leave as soon as it has shut this deployment's exporter down.
 *
 * <p>After its final flush the worker still sleeps out its schedule delay (5 s by default, longer when
 * configured) before it notices the shutdown, holding the deployment's class loader meanwhile. The worker
 * calls the exporter's {@code shutdown()} itself, right after that flush; setting its interrupt flag there
 * ends the sleep at once, which is how the worker is meant to be stopped early. No other thread is touched:
 * in one server, other deployments (each with its own copy of this library) and the server's own SDK run
 * workers of the same name, which must keep running.
 */
final class WorkerStoppingExporter implements SpanExporter {
  private static final String WORKER = "BatchSpanProcessor_WorkerThread";
  private final SpanExporter delegate;

  WorkerStoppingExporter(SpanExporter delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    return delegate.export(spans);
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    CompletableResultCode result = delegate.shutdown();
    Thread current = Thread.currentThread();
    if (current.getName().startsWith(WORKER)) {
      current.interrupt();
    }
    return result;
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
