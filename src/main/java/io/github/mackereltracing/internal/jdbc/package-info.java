/**
 * Internal: not API. The JDBC wrappers behind {@link io.github.mackereltracing.jdbc.TracedDataSource}.
 *
 * <p>Non-null by default: {@code @Nullable} marks where a null is real.
 */
@NonNullByDefault
package io.github.mackereltracing.internal.jdbc;

import io.github.mackereltracing.internal.NonNullByDefault;
