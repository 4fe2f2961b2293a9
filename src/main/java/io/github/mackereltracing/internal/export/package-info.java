/** Internal: not API. See {@link io.github.mackereltracing.internal}. */
package io.github.mackereltracing.internal.export;
