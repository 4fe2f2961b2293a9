package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;

/** Traced through its stereotype. */
@TracedService
public class Payments {
  public void pay() {}

  @Traced(false)
  public void ping() {}
}
