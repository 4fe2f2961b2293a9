/**
 * Internal: not API. JAX-RS: the container filter that gives SERVER spans their resource template as {@code
 * http.route}, and the client filter that makes CLIENT spans of outgoing REST calls. See {@link
 * io.github.mackereltracing.internal}.
 *
 * <p>Non-null by default: {@code @Nullable} marks where a null is real.
 */
@NonNullByDefault
package io.github.mackereltracing.internal.jaxrs;

import io.github.mackereltracing.internal.NonNullByDefault;
