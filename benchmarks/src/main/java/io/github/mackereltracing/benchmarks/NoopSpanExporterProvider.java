package io.github.mackereltracing.benchmarks;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code otel.traces.exporter=bench-noop}: the deployment's own SDK (batch processor and all) exporting into
 * nothing, so that a benchmark measures making spans, not sending them. It counts what it is handed, so a
 * benchmark can tell whether spans were dropped on a full queue instead.
 */
public final class NoopSpanExporterProvider implements ConfigurableSpanExporterProvider {
  public static final String NAME = "bench-noop";
  /** Spans handed to every bench-noop exporter of this JVM. */
  public static final LongAdder EXPORTED = new LongAdder();

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        EXPORTED.add(spans.size());
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
  }
}
