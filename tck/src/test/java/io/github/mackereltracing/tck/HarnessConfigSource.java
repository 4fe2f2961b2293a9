package io.github.mackereltracing.tck;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * What an operator of the TCK's "server" would configure for every application: spans go to the server log
 * unless the application names an exporter, and no metrics or logs are exported (this is a tracing
 * library). Lowest ordinal, so each test WAR's microprofile-config.properties (ordinal 100) wins. Without
 * it, the deployments that enable the SDK without naming an exporter (the cdi tests, SamplerSpiTest) would
 * send to an OTLP collector on localhost:4318 that is not there.
 *
 * <p>Not {@code none} for traces: in the SDK (1.68) a tracer provider without a span processor hands out no-op
 * tracers, so spans would have invalid ids and OpenTelemetryBeanTest, SpanBeanTest and SamplerSpiTest
 * would fail for a reason that is the harness's, not the library's. It deliberately says nothing about
 * {@code otel.sdk.disabled}: the TCK's *DefaultTest classes check the library's own default.
 */
public final class HarnessConfigSource implements ConfigSource {
  private static final Map<String, String> VALUES =
      Map.of(
          "otel.traces.exporter", "logging",
          "otel.metrics.exporter", "none",
          "otel.logs.exporter", "none");

  @Override
  public Set<String> getPropertyNames() {
    return VALUES.keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return VALUES.get(propertyName);
  }

  @Override
  public String getName() {
    return "mackerel-tracing-tck-harness";
  }

  @Override
  public int getOrdinal() {
    return Integer.MIN_VALUE;
  }
}
