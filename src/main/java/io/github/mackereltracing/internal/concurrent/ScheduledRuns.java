package io.github.mackereltracing.internal.concurrent;

import io.github.mackereltracing.internal.config.SdkSettings;
import io.github.mackereltracing.internal.config.Setting;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Telemetry;
import io.github.mackereltracing.internal.span.SpanPath;
import io.github.mackereltracing.internal.span.TelemetryFailures;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.annotation.Nullable;
import jakarta.enterprise.concurrent.ManagedTask;
import jakarta.enterprise.concurrent.ManagedTaskListener;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Each run of a periodic task of a {@code ManagedScheduledExecutorService} is the root of a trace of its
 * own: an INTERNAL span named {@code Class.run} (or {@code Class.call}; a {@code ManagedTask}'s {@code
 * IDENTITY_NAME} when it has one), linked to the span that scheduled it, with the task's SQL below. The
 * context provider alone would make every run, hours later, a child of the request that scheduled it; here
 * the run starts from the root context, whatever the provider made current. With {@code
 * mackerel.timer-spans=false} the run makes no span and still runs under the root context, so that its SQL
 * does not join the long-gone request either.
 */
public final class ScheduledRuns {
  /** The deployment's {@code mackerel.timer-spans}, read once; EJB timers read it too. */
  public static final Telemetry.Feature<Boolean> FEATURE = ScheduledRuns::enabled;

  static final AttributeKey<String> CODE_FUNCTION_NAME = AttributeKey.stringKey("code.function.name");

  private ScheduledRuns() {}

  private static Boolean enabled(Telemetry telemetry) {
    SdkSettings settings = telemetry.settings();
    String value = settings == null ? Setting.TIMER_SPANS.defaultValue() : settings.get(Setting.TIMER_SPANS);
    return !"false".equalsIgnoreCase(value == null ? "" : value.strip());
  }

  /** {@code task} as one run of a periodic schedule; a {@code ManagedTask} stays one for the server. */
  static Runnable wrap(Runnable task, DeploymentTracing deployment) {
    Run<Void> run = new Run<>(task, null, deployment);
    return task instanceof ManagedTask managed ? new ManagedRun<>(run, managed) : run;
  }

  static <V> Callable<V> wrap(Callable<V> task, DeploymentTracing deployment) {
    Run<V> run = new Run<>(null, task, deployment);
    return task instanceof ManagedTask managed ? new ManagedRun<>(run, managed) : run;
  }

  /** One task, run again at each period. */
  private static class Run<V> implements Runnable, Callable<V> {
    @Nullable private final Runnable runnable;
    @Nullable private final Callable<V> callable;
    private final DeploymentTracing deployment;
    private final String spanName;
    private final String functionName;
    // The span that scheduled the task, if any: each run links to it, and is no child of it.
    private final SpanContext scheduler;

    Run(@Nullable Runnable runnable, @Nullable Callable<V> callable, DeploymentTracing deployment) {
      this.runnable = runnable;
      this.callable = callable;
      this.deployment = deployment;
      Object task = runnable != null ? runnable : callable;
      String method = runnable != null ? "run" : "call";
      String identity = identityName(task);
      Class<?> type = task.getClass();
      this.spanName = identity != null ? identity : simpleName(type) + "." + method;
      this.functionName = type.getName() + "." + method;
      this.scheduler = Span.current().getSpanContext();
    }

    @Override
    public void run() {
      try {
        call();
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e); // not reached: a Runnable throws no checked exception
      }
    }

    @Override
    public V call() throws Exception {
      Telemetry telemetry = deployment.active();
      if (telemetry == null) {
        return proceed();
      }
      Span span = telemetry.feature(FEATURE) ? start(telemetry) : null;
      try (Scope ignored = (span == null ? Context.root() : Context.root().with(span)).makeCurrent()) {
        return proceed();
      } catch (Throwable error) {
        SpanPath.fail(span, error, null);
        throw error;
      } finally {
        SpanPath.end(span);
      }
    }

    @Nullable
    private Span start(Telemetry telemetry) {
      if (SpanPath.parent(Context.root(), telemetry.sampling(), true) == null) {
        return null; // the sampler would drop it
      }
      try {
        var builder = telemetry.tracer().spanBuilder(spanName)
            .setSpanKind(SpanKind.INTERNAL)
            .setNoParent()
            .setAttribute(CODE_FUNCTION_NAME, functionName);
        if (scheduler.isValid()) {
          builder.addLink(scheduler);
        }
        return builder.startSpan();
      } catch (RuntimeException | LinkageError e) {
        TelemetryFailures.report("starting the span of " + functionName, e);
        return null;
      }
    }

    private V proceed() throws Exception {
      if (runnable != null) {
        runnable.run();
        return null;
      }
      return callable.call();
    }
  }

  @Nullable
  private static String identityName(Object task) {
    try {
      if (task instanceof ManagedTask managed) {
        Map<String, String> properties = managed.getExecutionProperties();
        String name = properties == null ? null : properties.get(ManagedTask.IDENTITY_NAME);
        return name == null || name.isBlank() ? null : name;
      }
    } catch (RuntimeException e) {
      TelemetryFailures.report("reading a task's execution properties", e);
    }
    return null;
  }

  /**
   * The class's simple name ({@code CensusRun} for a nested class); a lambda is named after the class that
   * wrote it ({@code Reports$$Lambda/0x...} is {@code Reports}), an anonymous class by its binary name after
   * the package ({@code Reports$1}), as {@code @Traced} names them.
   */
  static String simpleName(Class<?> type) {
    String name = type.getName();
    int lambda = name.indexOf("$$Lambda");
    if (lambda >= 0) {
      String writer = name.substring(0, lambda);
      return writer.substring(Math.max(writer.lastIndexOf('.'), writer.lastIndexOf('$')) + 1);
    }
    String simple = type.getSimpleName();
    return simple.isEmpty() ? name.substring(name.lastIndexOf('.') + 1) : simple;
  }

  /** The server reads a {@code ManagedTask}'s listener and properties from the object it is handed. */
  private static final class ManagedRun<V> implements Runnable, Callable<V>, ManagedTask {
    private final Run<V> run;
    private final ManagedTask task;

    ManagedRun(Run<V> run, ManagedTask task) {
      this.run = run;
      this.task = task;
    }

    @Override
    public void run() {
      run.run();
    }

    @Override
    public V call() throws Exception {
      return run.call();
    }

    @Override
    public ManagedTaskListener getManagedTaskListener() {
      return task.getManagedTaskListener();
    }

    @Override
    public Map<String, String> getExecutionProperties() {
      return task.getExecutionProperties();
    }
  }
}
