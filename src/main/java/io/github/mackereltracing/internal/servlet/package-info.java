/**
 * Internal: not API. See {@link io.github.mackereltracing.internal}. Non-null by default: {@code @Nullable}
 * marks where a null is real.
 */
@NonNullByDefault
package io.github.mackereltracing.internal.servlet;

import io.github.mackereltracing.internal.NonNullByDefault;
