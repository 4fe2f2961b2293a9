package io.github.mackereltracing.benchmarks;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

/**
 * The settings of a benchmark's deployment, given as system properties (each benchmark runs in a JVM of its
 * own, and the library reads them through MicroProfile Config as a server's deployment would).
 */
public final class BenchDeployment {
  private BenchDeployment() {}

  /**
   * Tracing on, with the SDK's batch processor exporting to {@link NoopSpanExporterProvider}. Its queue is
   * bigger than the default 2048: a benchmark makes a span every few hundred nanoseconds, and on a busy
   * machine the processor's thread may wait for a CPU longer than 2048 spans take to make; the spans then
   * dropped cost less than queued ones, and a benchmark would measure how often that happened.
   */
  public static Map<String, String> tracingToNoop() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("otel.sdk.disabled", "false");
    settings.put("otel.traces.exporter", NoopSpanExporterProvider.NAME);
    settings.put("otel.metrics.exporter", "none");
    settings.put("otel.logs.exporter", "none");
    settings.put("otel.service.name", "benchmark");
    settings.put("otel.bsp.max.queue.size", "262144");
    return settings;
  }

  /** As {@link #tracingToNoop()}, with a sampler that records nothing. */
  public static Map<String, String> samplingOff() {
    Map<String, String> settings = tracingToNoop();
    settings.put("otel.traces.sampler", "always_off");
    return settings;
  }

  /** Tracing off, as a deployment without a Mackerel key has it. */
  public static Map<String, String> disabled() {
    return Map.of("otel.sdk.disabled", "true");
  }

  /** Sets {@code settings} as system properties for the deployments started from now on. */
  public static void configure(Map<String, String> settings) {
    settings.forEach(System::setProperty);
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig(loader));
  }

  /** Starts the tracing of the deployment that this thread's context class loader stands for. */
  public static DeploymentTracing start(Map<String, String> settings) {
    configure(settings);
    DeploymentTracing tracing = Deployments.getOrCreate(Thread.currentThread().getContextClassLoader());
    tracing.startNow();
    return tracing;
  }

  /**
   * How many spans reached the no-op exporter, after a flush. Spans dropped on a full queue are reported by
   * the library itself (a WARNING at once, and the total at undeploy).
   */
  public static String exported(DeploymentTracing tracing) {
    if (tracing != null && tracing.enabled() && tracing.openTelemetry() instanceof OpenTelemetrySdk sdk) {
      sdk.getSdkTracerProvider().forceFlush().join(30, TimeUnit.SECONDS);
    }
    return "spans exported: " + NoopSpanExporterProvider.EXPORTED.sum();
  }
}
