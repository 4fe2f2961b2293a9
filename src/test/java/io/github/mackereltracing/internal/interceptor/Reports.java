package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import jakarta.enterprise.context.ApplicationScoped;

/** Excluded as a class, with one method let back in. */
@ApplicationScoped
@Traced(false)
public class Reports {
  @Traced
  public void daily() {}

  public void weekly() {}
}
