package io.github.mackereltracing.internal.interceptor;

/** Not a bean: a producer makes it, tracing it through InterceptionFactory. */
public class Quotes {
  public String latest() {
    return "42";
  }
}
