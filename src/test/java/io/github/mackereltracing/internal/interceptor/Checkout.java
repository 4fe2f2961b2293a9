package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Calls another traced bean, and one of its own methods (which CDI does not intercept). */
@ApplicationScoped
@Traced
public class Checkout {
  @Inject Stock stock;

  public void place() {
    validate();
    stock.reserve();
  }

  public void validate() {}
}
