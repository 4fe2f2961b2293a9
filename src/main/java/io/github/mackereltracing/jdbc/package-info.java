/**
 * JDBC tracing: {@link io.github.mackereltracing.jdbc.TracedDataSource#wrap} makes every statement a
 * span with sanitized SQL. CDI-produced DataSources are traced without code.
 */
package io.github.mackereltracing.jdbc;
