package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.Dependent;

/** Overrides of {@code Object}'s methods that ask for a span themselves, in a class that says nothing. */
@Dependent
public class Receipt {
  @Traced
  @Override
  public String toString() {
    return "Receipt R-1";
  }

  @WithSpan("receipt hash")
  @Override
  public int hashCode() {
    return 3;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Receipt;
  }
}
