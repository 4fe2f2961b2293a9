package io.github.mackereltracing.internal.runtime;

import io.github.mackereltracing.internal.config.SdkSettings;
import io.github.mackereltracing.internal.export.SpanLossReport;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import jakarta.annotation.Nullable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one deployment's tracing is once started, handed to every feature: the OpenTelemetry (the SDK, or a
 * no-op when tracing is off), the library's tracer, the sampler's shortcut, the settings, and each feature's
 * own value built from them once ({@link #feature}: the HTTP settings, the JDBC telemetry). Immutable; built
 * once per deployment by {@link DeploymentTracing}, which alone knows whether it is still live.
 */
public final class Telemetry {
  /** Instrumentation scope of every span this library makes. */
  public static final String SCOPE = "io.github.mackerel-tracing";

  /** A feature's value, built once per deployment from its telemetry; a constant of the feature's own. */
  public interface Feature<T> {
    T create(Telemetry telemetry);
  }

  @Nullable private final SdkSettings settings;
  private final OpenTelemetry openTelemetry;
  @Nullable private final OpenTelemetrySdk sdk;
  private final Tracer tracer;
  private final SamplingShortcut sampling;
  final boolean global;
  final boolean steppedAside;
  @Nullable final SpanLossReport losses;
  private final ConcurrentHashMap<Feature<?>, Object> features = new ConcurrentHashMap<>(4);

  Telemetry(@Nullable SdkSettings settings, OpenTelemetry openTelemetry, @Nullable OpenTelemetrySdk sdk,
      boolean global, boolean steppedAside, @Nullable SpanLossReport losses) {
    this.settings = settings;
    this.openTelemetry = openTelemetry;
    this.sdk = sdk;
    this.tracer = openTelemetry.getTracer(SCOPE, Version.VALUE);
    this.sampling =
        sdk == null ? SamplingShortcut.NONE : SamplingShortcut.of(sdk.getSdkTracerProvider().getSampler());
    this.global = global;
    this.steppedAside = steppedAside;
    this.losses = losses;
  }

  /** Tracing off: no SDK, nothing recorded. */
  static Telemetry off(@Nullable SdkSettings settings, boolean steppedAside) {
    return new Telemetry(settings, OpenTelemetry.noop(), null, false, steppedAside, null);
  }

  /** The SDK when tracing is on, else a no-op. */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  public Tracer tracer() {
    return tracer;
  }

  /** What the deployment's sampler decides without being asked. */
  public SamplingShortcut sampling() {
    return sampling;
  }

  /** The deployment's settings, or null when they were invalid. */
  @Nullable
  public SdkSettings settings() {
    return settings;
  }

  /** Whether spans are recorded and exported (an SDK was built). */
  boolean records() {
    return sdk != null;
  }

  @Nullable
  OpenTelemetrySdk sdk() {
    return sdk;
  }

  /** {@code feature}'s value for this deployment, built on first need and kept. */
  @SuppressWarnings("unchecked")
  public <T> T feature(Feature<T> feature) {
    Object value = features.get(feature);
    if (value == null) {
      value = feature.create(this);
      Object raced = features.putIfAbsent(feature, value);
      if (raced != null) {
        value = raced;
      }
    }
    return (T) value;
  }
}
