package io.github.mackereltracing.docs;

/** A bean made by the {@link TracedService} stereotype: traced without naming {@code @Traced}. */
@TracedService
public class Invoices {
  public String issue(String customer) {
    return "invoice for " + customer;
  }
}
