package io.github.mackereltracing.internal.jms;

import io.github.mackereltracing.internal.runtime.SamplingShortcut;
import io.github.mackereltracing.internal.runtime.Telemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * One deployment's Jakarta Messaging telemetry: the tracer, the sampler's shortcut and the propagators
 * (W3C trace context and baggage unless {@code otel.propagators} says otherwise), built once per deployment.
 */
final class MessagingTelemetry {
  final Tracer tracer;
  final SamplingShortcut sampling;
  final TextMapPropagator propagator;

  private MessagingTelemetry(Tracer tracer, SamplingShortcut sampling, TextMapPropagator propagator) {
    this.tracer = tracer;
    this.sampling = sampling;
    this.propagator = propagator;
  }

  static MessagingTelemetry of(Telemetry telemetry) {
    return telemetry.feature(FEATURE);
  }

  private static final Telemetry.Feature<MessagingTelemetry> FEATURE = telemetry -> new MessagingTelemetry(
      telemetry.tracer(), telemetry.sampling(), telemetry.openTelemetry().getPropagators().getTextMapPropagator());
}
