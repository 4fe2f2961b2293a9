package io.github.mackereltracing.internal.interceptor;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.opentracing.Traced;

/** Written for MicroProfile OpenTracing: traced as a class, with overrides of {@code Object}'s methods. */
@Dependent
@Traced
public class LegacyVoucher {
  public String code() {
    return "L-1";
  }

  @Override
  public String toString() {
    return "LegacyVoucher L-1";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LegacyVoucher;
  }

  @Override
  public int hashCode() {
    return 2;
  }
}
