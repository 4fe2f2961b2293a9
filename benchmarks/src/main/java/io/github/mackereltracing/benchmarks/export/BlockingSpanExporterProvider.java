package io.github.mackereltracing.benchmarks.export;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code otel.traces.exporter=bench-blocking}: an endpoint that does not answer. Every export stays pending
 * (holding its batch) until {@link #release()}, so that spans pile up in the queue as they do while Mackerel
 * is unreachable.
 */
public final class BlockingSpanExporterProvider implements ConfigurableSpanExporterProvider {
  public static final String NAME = "bench-blocking";
  private static final List<CompletableResultCode> PENDING = new CopyOnWriteArrayList<>();

  @Override
  public String getName() {
    return NAME;
  }

  /** Lets every pending and later export complete. */
  public static void release() {
    PENDING.forEach(CompletableResultCode::succeed);
  }

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        CompletableResultCode result = new CompletableResultCode();
        PENDING.add(result);
        return result;
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        release();
        return CompletableResultCode.ofSuccess();
      }
    };
  }
}
