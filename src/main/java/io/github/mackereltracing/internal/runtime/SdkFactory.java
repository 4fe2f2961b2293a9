package io.github.mackereltracing.internal.runtime;

import io.github.mackereltracing.internal.config.SdkSettings;
import io.github.mackereltracing.internal.export.QueueGuard;
import io.github.mackereltracing.internal.export.ReportingSpanExporter;
import io.github.mackereltracing.internal.export.SpanLossReport;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Map;
import java.util.WeakHashMap;

/** Builds a deployment's SDK with OpenTelemetry's autoconfiguration, from settings already checked. */
final class SdkFactory {
  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  /** The resource each SDK was built with, for the start-up line; weak so that undeploy releases it. */
  private static final Map<OpenTelemetrySdk, Resource> RESOURCES = new WeakHashMap<>();

  private SdkFactory() {}

  /** A built SDK and the report of the spans it loses. */
  record Built(OpenTelemetrySdk sdk, SpanLossReport losses) {}

  static Built create(SdkSettings settings, ClassLoader deploymentLoader, String deploymentName) {
    SpanLossReport losses = new SpanLossReport(deploymentName, settings.tracesEndpoint());
    return new Built(createWithLoader(settings, deploymentLoader, deploymentName, losses), losses);
  }

  private static OpenTelemetrySdk createWithLoader(
      SdkSettings settings, ClassLoader deploymentLoader, String deploymentName, SpanLossReport losses) {
    // Service loading and the threads the SDK and its HTTP client start see the deployment's loader, never
    // another deployment's.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(deploymentLoader);
    try {
      return build(settings, deploymentLoader, deploymentName, losses);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static OpenTelemetrySdk build(
      SdkSettings settings, ClassLoader deploymentLoader, String deploymentName, SpanLossReport losses) {
    Map<String, String> properties = settings.sdkProperties();
    List<ReportingSpanExporter> batchExporters = new ArrayList<>();
    Resource[] finalResource = new Resource[1];
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .setServiceClassLoader(OwnServices.of(deploymentLoader))
            .disableShutdownHook()
            // As defaults and again as overrides: the settings were resolved with the deployment's own
            // precedence, which must win over the SDK's reading of system properties and environment.
            .addPropertiesSupplier(() -> properties)
            .addPropertiesCustomizer(config -> properties)
            .addSpanExporterCustomizer((exporter, config) -> {
              ReportingSpanExporter reporting = new ReportingSpanExporter(
                  exporter, deploymentName, settings.tracesEndpoint(), settings.apiKey(), losses);
              if (!(exporter instanceof LoggingSpanExporter)) {
                batchExporters.add(reporting);
              }
              return new WorkerStoppingExporter(reporting);
            })
            .addSpanProcessorCustomizer((processor, config) ->
                // With one batched exporter (OTLP, the normal case) its queue is guarded and drops counted.
                processor instanceof BatchSpanProcessor && batchExporters.size() == 1
                    ? new QueueGuard(processor, batchExporters.get(0), losses,
                        config.getInt(SdkSettings.QUEUE_SIZE, SdkSettings.DEFAULT_QUEUE_SIZE))
                    : processor)
            .addResourceCustomizer(
                (resource, config) -> {
                  // The host's attributes go under what the user configured, so that theirs win.
                  Resource merged = HostResource.create(settings).merge(resource);
                  finalResource[0] = merged;
                  return merged;
                })
            .build()
            .getOpenTelemetrySdk();
    synchronized (RESOURCES) {
      RESOURCES.put(sdk, finalResource[0]);
    }
    return sdk;
  }

  static String serviceName(OpenTelemetrySdk sdk) {
    Resource resource;
    synchronized (RESOURCES) {
      resource = RESOURCES.get(sdk);
    }
    return resource == null ? "?" : resource.getAttribute(SERVICE_NAME);
  }
}
