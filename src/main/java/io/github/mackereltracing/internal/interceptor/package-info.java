/**
 * Internal: not API. Spans from annotations: the CDI interceptors behind {@code @Traced}, OpenTelemetry's
 * {@code @WithSpan} and MicroProfile OpenTracing's {@code @Traced}, and the per-method metadata they read.
 */
package io.github.mackereltracing.internal.interceptor;
