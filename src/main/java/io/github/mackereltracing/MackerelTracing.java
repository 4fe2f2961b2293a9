package io.github.mackereltracing;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.opentelemetry.api.OpenTelemetry;

/**
 * Access to the calling deployment's OpenTelemetry, for code that CDI does not inject (plain servlets,
 * static helpers). With CDI, inject {@code OpenTelemetry}, {@code Tracer}, {@code Span} or {@code Baggage}
 * instead.
 */
public final class MackerelTracing {
  private MackerelTracing() {}

  /**
   * The OpenTelemetry of the deployment the current thread works for: its SDK when tracing is on, a no-op
   * instance when tracing is off or no deployment is found.
   *
   * @return the deployment's OpenTelemetry, never null
   */
  public static OpenTelemetry openTelemetry() {
    DeploymentTracing tracing = Deployments.current();
    return tracing == null ? OpenTelemetry.noop() : tracing.openTelemetry();
  }
}
