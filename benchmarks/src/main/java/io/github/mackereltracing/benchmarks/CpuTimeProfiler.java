package io.github.mackereltracing.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * {@code -prof io.github.mackereltracing.benchmarks.CpuTimeProfiler}: the CPU time per operation of the
 * benchmark's own threads ({@code cpu.bench.norm}) and of the whole JVM ({@code cpu.jvm.norm}: with the
 * batch processor's thread, GC and JIT).
 *
 * <p>On a machine where other work competes for the cores, the benchmark's thread waits for a CPU now and
 * then, and JMH's time per operation counts the wait; the thread's CPU time does not. So the ratios the
 * targets ask for can still be compared there, on CPU time, as an indication; on a quiet machine the
 * benchmark thread's CPU time per operation and JMH's score agree.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private static final String WORKER = "jmh-worker";
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long benchBefore;
  private long jvmBefore;

  @Override
  public String getDescription() {
    return "CPU time per operation: of the benchmark's threads, and of the whole JVM";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    benchBefore = benchmarkThreadsCpu();
    jvmBefore = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long bench = benchmarkThreadsCpu() - benchBefore;
    long jvm = os.getProcessCpuTime() - jvmBefore;
    // All operations, warm-up and wind-down of the iteration included, as JMH's GC profiler normalizes.
    double ops = result.getMetadata().getAllOps();
    if (ops <= 0) {
      return List.of();
    }
    return List.of(
        new ScalarResult("cpu.bench.norm", bench / ops, "ns/op", AggregationPolicy.AVG),
        new ScalarResult("cpu.jvm.norm", jvm / ops, "ns/op", AggregationPolicy.AVG));
  }

  /** CPU time so far of JMH's worker threads ("<benchmark>-jmh-worker-N", living from the first iteration to the last). */
  private long benchmarkThreadsCpu() {
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(WORKER)) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        total += Math.max(cpu, 0);
      }
    }
    return total;
  }
}
