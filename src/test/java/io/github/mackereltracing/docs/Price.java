package io.github.mackereltracing.docs;

/** A price in cents. */
public record Price(long cents) {}
