package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import jakarta.enterprise.context.ApplicationScoped;

/** Traced and transactional. */
@ApplicationScoped
public class Ledger {
  @Traced
  @AroundTransaction
  public void book() {}
}
