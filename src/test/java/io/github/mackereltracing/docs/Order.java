package io.github.mackereltracing.docs;

/** What {@link Orders#load} returns. */
public record Order(String id) {}
