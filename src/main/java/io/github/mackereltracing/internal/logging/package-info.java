/**
 * Internal: not API. The span's trace and span ids in log records (the MDC of SLF4J and JBoss Logging,
 * kept by a wrapper of OpenTelemetry's context storage). Non-null by default.
 */
@NonNullByDefault
package io.github.mackereltracing.internal.logging;

import io.github.mackereltracing.internal.NonNullByDefault;
