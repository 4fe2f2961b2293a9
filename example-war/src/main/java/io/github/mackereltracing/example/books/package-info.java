/**
 * JPA through a container-managed persistence unit, behind a {@code @Stateless} EJB, on a
 * {@code @DataSourceDefinition} DataSource: traced with no code of the application's (the JPA provider's
 * statements are JDBC spans under the EJB method's span); and the same work handed to Jakarta Concurrency
 * and to EJB {@code @Asynchronous}.
 */
package io.github.mackereltracing.example.books;
