/** What a traced JDBC statement costs on H2 in memory, next to the raw driver and OpenTelemetry's JdbcTelemetry. */
package io.github.mackereltracing.benchmarks.jdbc;
