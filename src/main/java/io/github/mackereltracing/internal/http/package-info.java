/**
 * Internal: not API. What the servlet filter, the JAX-RS filters and the REST client filter share: the HTTP
 * semantic-convention attribute names, URL redaction, header capture, excluded paths and the request's SERVER
 * span. See {@link io.github.mackereltracing.internal}.
 *
 * <p>Non-null by default: {@code @Nullable} marks where a null is real.
 */
@NonNullByDefault
package io.github.mackereltracing.internal.http;

import io.github.mackereltracing.internal.NonNullByDefault;
