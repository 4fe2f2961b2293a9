/**
 * A small Jakarta EE 10 application traced by mackerel-tracing-jakarta: REST resources with path parameters,
 * CDI services, JDBC on an embedded H2, an outbound REST call, a servlet, a failing and an asynchronous
 * endpoint. It runs unchanged on Payara, Open Liberty and WildFly (see docs/servers.md).
 */
package io.github.mackereltracing.example;
