package io.github.mackereltracing.internal.servlet;

import io.github.mackereltracing.internal.http.HttpSettings;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Telemetry;

/**
 * What the servlet filter needs of its deployment, built once when the filter starts: the deployment (for
 * whether it still records, and for the JAX-RS filters that find it through the request's context), its
 * telemetry, the HTTP settings and the servlet routes. Immutable.
 */
final class ServletTelemetry {
  final DeploymentTracing deployment;
  final Telemetry telemetry;
  final HttpSettings settings;
  final ServletRoutes routes;

  ServletTelemetry(DeploymentTracing deployment, Telemetry telemetry, ServletRoutes routes) {
    this.deployment = deployment;
    this.telemetry = telemetry;
    this.settings = HttpSettings.of(telemetry);
    this.routes = routes;
  }

  /** Whether spans are recorded now: false once the deployment is undeployed. */
  boolean active() {
    return deployment.active() != null;
  }
}
