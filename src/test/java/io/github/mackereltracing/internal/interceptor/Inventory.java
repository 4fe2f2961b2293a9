package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import jakarta.enterprise.context.ApplicationScoped;

/** Traced as a class: every business method makes a span, except the one that opts out. */
@ApplicationScoped
@Traced
public class Inventory {
  public int count() {
    return 3;
  }

  public void restock() {}

  @Traced(false)
  public void audit() {}

  String internalName() {
    return "inventory";
  }
}
