package io.github.mackereltracing.docs;

/** A search filter: a parameter that is not recorded. */
public record Filter(String category) {}
