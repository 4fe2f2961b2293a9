package io.github.mackereltracing.internal.jdbc;

import io.github.mackereltracing.internal.config.SdkSettings;
import io.github.mackereltracing.internal.config.Setting;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.SamplingShortcut;
import io.github.mackereltracing.internal.runtime.Telemetry;
import io.github.mackereltracing.internal.span.SpanPath;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.annotation.Nullable;

/**
 * One deployment's JDBC telemetry as a traced DataSource sees it: the tracer, the sampler's shortcut and the
 * JDBC settings, read once when the DataSource first finds the deployment traced, and the deployment it was
 * found for. Immutable.
 *
 * @param sampling statements whose span the sampler would drop make none
 * @param deployment null for telemetry given directly (tests, benchmarks): then it is always on, for every thread
 * @param loader the context class loader of the threads this was found for
 */
record JdbcTelemetry(Tracer tracer, SamplingShortcut sampling, boolean rootSpans, boolean connectionSpans,
    boolean legacyAttributes, @Nullable DeploymentTracing deployment, @Nullable ClassLoader loader) {
  /** Tracing given directly, not found through a deployment. */
  static JdbcTelemetry create(Tracer tracer, boolean rootSpans, boolean connectionSpans, boolean legacyAttributes) {
    return new JdbcTelemetry(tracer, SamplingShortcut.NONE, rootSpans, connectionSpans, legacyAttributes, null, null);
  }

  /** The deployment's JDBC telemetry, for threads whose context class loader is {@code loader}. */
  static JdbcTelemetry of(DeploymentTracing deployment, Telemetry telemetry, ClassLoader loader) {
    return telemetry.feature(FEATURE).found(deployment, loader);
  }

  /** The JDBC settings, read once per deployment. */
  private static final Telemetry.Feature<JdbcTelemetry> FEATURE = telemetry -> {
    SdkSettings settings = telemetry.settings();
    return new JdbcTelemetry(
        telemetry.tracer(),
        telemetry.sampling(),
        flag(settings, Setting.JDBC_ROOT_SPANS),
        flag(settings, Setting.JDBC_CONNECTION_SPANS)
            || "true".equalsIgnoreCase(otel(settings, "otel.instrumentation.jdbc-datasource.enabled")),
        flag(settings, Setting.JDBC_LEGACY_ATTRIBUTES)
            || String.valueOf(otel(settings, "otel.semconv-stability.opt-in")).contains("database/dup"),
        null,
        null);
  };

  /** The same telemetry, as found for {@code deployment}'s threads with context class loader {@code loader}. */
  JdbcTelemetry found(DeploymentTracing deployment, ClassLoader loader) {
    return new JdbcTelemetry(tracer, sampling, rootSpans, connectionSpans, legacyAttributes, deployment, loader);
  }

  /** Whether spans are still recorded: false once the deployment is disabled or undeployed. */
  boolean active() {
    return deployment == null || deployment.enabled();
  }

  /** Whether this serves threads with {@code contextLoader}. */
  boolean serves(ClassLoader contextLoader) {
    return deployment == null || loader == contextLoader;
  }

  /**
   * The context a span would have as parent, or null when no span is to be made: by default spans are
   * made only inside a trace, so that pools, timers and start-up scripts make no root spans; nor when the
   * sampler would drop the span (inside a trace that was not sampled, say).
   */
  @Nullable
  Context parent() {
    return SpanPath.parent(Context.current(), sampling, rootSpans);
  }

  /** A true/false setting; SdkSettings has already replaced (and reported, once) a value that is neither. */
  private static boolean flag(@Nullable SdkSettings settings, Setting setting) {
    String value = settings == null ? setting.defaultValue() : settings.get(setting);
    return "true".equalsIgnoreCase(value == null ? "" : value.strip());
  }

  /** An OpenTelemetry property, under its own name or as mapped from its environment variable. */
  @Nullable
  private static String otel(@Nullable SdkSettings settings, String key) {
    if (settings == null) {
      return null;
    }
    String value = settings.get(key);
    return value != null ? value : settings.get(key.replace('-', '.'));
  }
}
