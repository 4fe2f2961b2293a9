/**
 * Internal: not API. The trace context across the threads of Jakarta Concurrency. Non-null by default.
 */
@NonNullByDefault
package io.github.mackereltracing.internal.concurrent;

import io.github.mackereltracing.internal.NonNullByDefault;
