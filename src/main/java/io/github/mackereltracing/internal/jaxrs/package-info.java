/**
 * Internal: not API. JAX-RS: the container filter that gives SERVER spans their resource template as {@code
 * http.route}, and the client filter that makes CLIENT spans of outgoing REST calls. See {@link
 * io.github.mackereltracing.internal}.
 */
package io.github.mackereltracing.internal.jaxrs;
