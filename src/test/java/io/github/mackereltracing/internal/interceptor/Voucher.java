package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import jakarta.enterprise.context.Dependent;

/** Traced as a class, with the overrides of {@code Object}'s methods that logging and collections call. */
@Dependent
@Traced
public class Voucher implements Cloneable {
  public String code() {
    return "V-1";
  }

  @Override
  public String toString() {
    return "Voucher V-1";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Voucher;
  }

  @Override
  public int hashCode() {
    return 1;
  }

  @Override
  public Voucher clone() {
    return new Voucher();
  }
}
