/**
 * Benchmarks of mackerel-tracing-jakarta: what its spans cost next to doing without, doing it by hand, and
 * OpenTelemetry's own instrumentation. Run them all with {@code benchmarks/run.sh}; results go to
 * {@code docs/BENCHMARKS.md}.
 */
package io.github.mackereltracing.benchmarks;
