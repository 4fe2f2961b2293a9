/**
 * Internal: not API. JDBC spans for what JPA providers run through a container-managed persistence unit: the
 * unit's DataSource is handed to the library's JDBC wrapper ({@code internal.jdbc}) before the provider uses
 * it. Non-null by default: {@code @Nullable} marks where a null is real.
 */
@NonNullByDefault
package io.github.mackereltracing.internal.jpa;

import io.github.mackereltracing.internal.NonNullByDefault;
