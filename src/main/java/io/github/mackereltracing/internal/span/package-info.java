/**
 * Internal: not API. The one span path every source of spans takes ({@link
 * io.github.mackereltracing.internal.span.SpanPath}), the one way of recording a failure, and the masking of
 * exception text. Non-null by default: {@code @Nullable} marks where a null is real.
 */
@NonNullByDefault
package io.github.mackereltracing.internal.span;

import io.github.mackereltracing.internal.NonNullByDefault;
