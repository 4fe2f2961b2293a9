package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import jakarta.enterprise.context.ApplicationScoped;

/** A class-level operation name, and methods that keep it or set their own. */
@ApplicationScoped
@Traced(operationName = "billing")
public class Billing {
  public void charge() {}

  @Traced
  public void invoice() {}

  @Traced(operationName = "refund money")
  public void refund() {}
}
