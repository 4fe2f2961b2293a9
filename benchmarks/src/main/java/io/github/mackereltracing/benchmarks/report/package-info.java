/** Turns the results of a run of benchmarks/run.sh into docs/BENCHMARKS.md and its chart. */
package io.github.mackereltracing.benchmarks.report;
