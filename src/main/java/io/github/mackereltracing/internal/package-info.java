/**
 * Implementation of mackerel-tracing-jakarta. Nothing under {@code internal} is API: it may change in
 * any release. The public API is the {@code io.github.mackereltracing} package.
 */
package io.github.mackereltracing.internal;
