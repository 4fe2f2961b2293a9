package io.github.mackereltracing.benchmarks.traced;

import io.github.mackereltracing.Traced;
import jakarta.enterprise.context.ApplicationScoped;

/** (c) and (e) A bean whose method is {@code @Traced}. */
@ApplicationScoped
public class TracedService {
  @Traced
  public long work(long x) {
    return Work.of(x);
  }
}
