package io.github.mackereltracing.httptest;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * {@code otel.traces.exporter=http-test-memory}: the deployment SDK, built by autoconfiguration as in
 * production, exports into {@link #EXPORTER}. Undeploy shuts the SDK's exporter down, so the SDK gets a
 * view that forwards everything but the shutdown.
 */
public final class HttpTestExporterProvider implements ConfigurableSpanExporterProvider {
  public static final String NAME = "http-test-memory";
  public static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        return EXPORTER.export(spans);
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

  @Override
  public String getName() {
    return NAME;
  }
}
