/** Internal: not API. The trace context across the threads of Jakarta Concurrency. */
package io.github.mackereltracing.internal.concurrent;
