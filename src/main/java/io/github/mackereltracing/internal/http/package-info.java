/**
 * Internal: not API. What the servlet filter, the JAX-RS filters and the REST client filter share: the HTTP
 * semantic-convention attribute names, URL redaction, header capture, excluded paths and the request's SERVER
 * span. See {@link io.github.mackereltracing.internal}.
 */
package io.github.mackereltracing.internal.http;
