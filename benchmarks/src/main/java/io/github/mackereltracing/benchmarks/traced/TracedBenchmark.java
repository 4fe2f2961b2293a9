package io.github.mackereltracing.benchmarks.traced;

import io.github.mackereltracing.benchmarks.BenchDeployment;
import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.internal.interceptor.SpanAnnotationsExtension;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One call of a bean method in Weld SE: (a) plain, (b) through an empty interceptor, (c) {@code @Traced} with
 * the deployment's SDK (batch processor, no-op exporter), (d) the span of (c) made by hand around (a), (e)
 * {@code @Traced} with the sampler off. Each benchmark runs in a JVM of its own, whose one deployment is
 * configured for it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class TracedBenchmark {
  static final AttributeKey<String> CODE_FUNCTION_NAME = AttributeKey.stringKey("code.function.name");
  static final String FUNCTION = PlainService.class.getName() + ".work";

  /** The container, started with the settings the running benchmark asks for. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class Container {
    WeldContainer weld;
    PlainService plain;
    InterceptedService intercepted;
    TracedService traced;
    DeploymentTracing tracing;
    Tracer tracer;

    @Setup(Level.Trial)
    public void start(BenchmarkParams params) {
      String benchmark = params.getBenchmark();
      Map<String, String> settings = benchmark.endsWith("tracedSamplingOff")
          ? BenchDeployment.samplingOff()
          : benchmark.endsWith("traced") || benchmark.endsWith("manualSpan")
              ? BenchDeployment.tracingToNoop()
              : BenchDeployment.disabled();
      BenchDeployment.configure(settings);
      weld = new Weld("benchmark")
          .disableDiscovery()
          .beanClasses(PlainService.class, InterceptedService.class, TracedService.class, EmptyInterceptor.class)
          // As a server's deployment has them, from the library jar's META-INF/services.
          .addExtension(new TracingExtension())
          .addExtension(new SpanAnnotationsExtension())
          .initialize();
      plain = weld.select(PlainService.class).get();
      intercepted = weld.select(InterceptedService.class).get();
      traced = weld.select(TracedService.class).get();
      tracing = Deployments.current();
      if (!benchmark.endsWith("Call") && (tracing == null || !tracing.enabled())) {
        throw new IllegalStateException("tracing did not start for " + benchmark);
      }
      tracer = tracing == null ? null : tracing.tracer();
    }

    @TearDown(Level.Trial)
    public void stop() {
      System.out.println(BenchDeployment.exported(tracing));
      weld.shutdown();
    }
  }

  /** Arguments that change, so that nothing is folded away. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Argument {
    long next;

    long next() {
      return next++;
    }
  }

  @Benchmark
  public long a_plainCall(Container c, Argument arg) {
    return c.plain.work(arg.next());
  }

  @Benchmark
  public long b_emptyInterceptorCall(Container c, Argument arg) {
    return c.intercepted.work(arg.next());
  }

  @Benchmark
  public long c_traced(Container c, Argument arg) {
    return c.traced.work(arg.next());
  }

  @Benchmark
  public long d_manualSpan(Container c, Argument arg) {
    Span span = c.tracer
        .spanBuilder("PlainService.work")
        .setSpanKind(SpanKind.INTERNAL)
        .setAttribute(CODE_FUNCTION_NAME, FUNCTION)
        .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return c.plain.work(arg.next());
    } finally {
      span.end();
    }
  }

  @Benchmark
  public long e_tracedSamplingOff(Container c, Argument arg) {
    return c.traced.work(arg.next());
  }
}
