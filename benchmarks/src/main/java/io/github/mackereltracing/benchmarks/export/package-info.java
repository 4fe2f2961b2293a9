/**
 * Export: spans per second serialized, gzipped and sent to an OTLP receiver on loopback, spans lost at a given
 * offered rate, the compression achieved, and the heap a queued span holds.
 */
package io.github.mackereltracing.benchmarks.export;
