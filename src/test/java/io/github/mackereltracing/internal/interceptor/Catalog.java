package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import jakarta.enterprise.context.ApplicationScoped;

/** Traced method by method. */
@ApplicationScoped
public class Catalog {
  @Traced
  public String find(String id) {
    return "item-" + id;
  }

  public String list() {
    return "all";
  }
}
