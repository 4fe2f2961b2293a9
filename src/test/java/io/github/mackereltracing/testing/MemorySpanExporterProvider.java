package io.github.mackereltracing.testing;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * The exporter {@code otel.traces.exporter=memory}: every deployment's SDK exports into {@link #SPANS}, the
 * way a user configures any exporter. Registered in src/test/resources/META-INF/services. An SDK shutting
 * down (the container stopping) does not clear what was received, so tests may look after undeploy.
 */
public final class MemorySpanExporterProvider implements ConfigurableSpanExporterProvider {
  public static final String NAME = "memory";
  /** What every SDK using the {@code memory} exporter has exported. */
  public static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        SecretWatch.spans("span exported to the memory exporter", spans);
        return SPANS.export(spans);
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
