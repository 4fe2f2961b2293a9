/**
 * Internal: not API. JDBC spans for what JPA providers run through a container-managed persistence unit: the
 * unit's DataSource is handed to the library's JDBC wrapper ({@code internal.jdbc}) before the provider uses it.
 */
package io.github.mackereltracing.internal.jpa;
