package io.github.mackereltracing.benchmarks.traced;

import jakarta.enterprise.context.ApplicationScoped;

/** (a) A bean and nothing else. */
@ApplicationScoped
public class PlainService {
  public long work(long x) {
    return Work.of(x);
  }
}
