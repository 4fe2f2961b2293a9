package io.github.mackereltracing.benchmarks.traced;

import jakarta.enterprise.context.ApplicationScoped;

/** (b) A bean whose method goes through an empty interceptor. */
@ApplicationScoped
public class InterceptedService {
  @Empty
  public long work(long x) {
    return Work.of(x);
  }
}
