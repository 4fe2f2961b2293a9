package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;

/** Not a bean: a traced superclass whose subclasses inherit @Traced. */
@Traced
public abstract class TrackedParcel {
  public String track() {
    return "in transit";
  }
}
