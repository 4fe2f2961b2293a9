/** What a {@code @Traced} method costs in Weld SE, next to a plain call, an empty interceptor and a span made by hand. */
package io.github.mackereltracing.benchmarks.traced;
