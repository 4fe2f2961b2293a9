package io.github.mackereltracing.internal.logging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What trace ids in the logs (issue 19) cost each time a span is made current and its scope closed: the
 * context storage alone, the library's MDC-keeping storage with the setting off, and with it on writing SLF4J's
 * MDC (Logback's adapter, as a WAR with Logback has it). One operation: attach a span's context, close the
 * scope. In the library's package: the storage is internal.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@State(Scope.Benchmark)
public class MdcStorageBenchmark {
  private final Context withSpan = Context.root().with(Span.wrap(SpanContext.create(
      "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault())));
  private final ContextStorage plain = ContextStorage.defaultStorage();
  private final ContextStorage off = new IdsInMdcStorage(plain, new MdcTarget[] {Slf4jMdc.target()}, false);
  private final ContextStorage on = new IdsInMdcStorage(plain, new MdcTarget[] {Slf4jMdc.target()}, true);

  @Benchmark
  public void contextStorageAlone() {
    plain.attach(withSpan).close();
  }

  @Benchmark
  public void idsInMdcSettingOff() {
    off.attach(withSpan).close();
  }

  @Benchmark
  public void idsInMdcSlf4j() {
    on.attach(withSpan).close();
  }
}
