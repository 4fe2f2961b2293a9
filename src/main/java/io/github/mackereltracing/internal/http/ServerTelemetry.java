package io.github.mackereltracing.internal.http;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;

/**
 * Coexistence with the application server's own tracing. Where the server's MicroProfile Telemetry is
 * active for a deployment, it makes the SERVER spans of requests and the CLIENT spans of REST client calls
 * itself; this library's HTTP layer must then stand aside, or every request would be counted (and billed)
 * twice.
 */
public final class ServerTelemetry {
  private ServerTelemetry() {}

  /**
   * Whether the server's own telemetry already traces HTTP for {@code tracing}'s deployment. The servlet
   * filter asks once at start-up; the JAX-RS filters ask per request, so an implementation must be a cheap
   * read of something decided at deployment time.
   *
   * <p>Always false: where the server's MicroProfile Telemetry traces a deployment, the library steps aside
   * for the whole deployment, not only for HTTP ({@code DeploymentTracing.steppedAside()}, see
   * {@code ServerMpTelemetry}); its tracing is then not {@code enabled()}, which every caller checks first.
   */
  public static boolean tracesHttp(DeploymentTracing tracing) {
    return false;
  }
}
