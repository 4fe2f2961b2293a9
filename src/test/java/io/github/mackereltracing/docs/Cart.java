package io.github.mackereltracing.docs;

import java.util.List;

/** Prices of the items in a cart, in cents. */
public record Cart(List<Long> items) {}
