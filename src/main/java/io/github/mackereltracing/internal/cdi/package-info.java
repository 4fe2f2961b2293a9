/**
 * Internal: not API. See {@link io.github.mackereltracing.internal}.
 *
 * <p>Non-null by default: {@code @Nullable} marks where a null is real.
 */
@NonNullByDefault
package io.github.mackereltracing.internal.cdi;

import io.github.mackereltracing.internal.NonNullByDefault;
