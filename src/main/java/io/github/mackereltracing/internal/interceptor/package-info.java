/**
 * Internal: not API. Spans from annotations: the CDI interceptors behind {@code @Traced}, OpenTelemetry's
 * {@code @WithSpan} and MicroProfile OpenTracing's {@code @Traced}, and the per-method metadata they read.
 *
 * <p>Non-null by default: {@code @Nullable} marks where a null is real.
 */
@NonNullByDefault
package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.internal.NonNullByDefault;
