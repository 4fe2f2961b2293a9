package io.github.mackereltracing.benchmarks.traced;

/** The same small piece of work in every bean, so that only the way it is called differs. */
final class Work {
  private Work() {}

  static long of(long x) {
    return x * 0x9E3779B97F4A7C15L + 7;
  }
}
