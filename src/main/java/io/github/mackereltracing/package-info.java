/**
 * The public API of mackerel-tracing-jakarta. Most applications need none of it: adding the jar and
 * setting {@code MACKEREL_API_KEY} traces every request. {@link io.github.mackereltracing.MackerelTracing}
 * gives non-CDI code the deployment's OpenTelemetry; {@link io.github.mackereltracing.Traced} makes spans
 * for the methods of CDI beans (as does OpenTelemetry's {@code @WithSpan}).
 */
package io.github.mackereltracing;
