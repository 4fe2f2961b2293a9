package io.github.mackereltracing.internal.interceptor;

import jakarta.enterprise.context.ApplicationScoped;

/** Carries no annotation of its own: traced because its superclass is. */
@ApplicationScoped
public class ExpressParcel extends TrackedParcel {
  public void deliver() {}
}
