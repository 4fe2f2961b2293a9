/** Internal: not API. The JDBC wrappers behind {@link io.github.mackereltracing.jdbc.TracedDataSource}. */
package io.github.mackereltracing.internal.jdbc;
