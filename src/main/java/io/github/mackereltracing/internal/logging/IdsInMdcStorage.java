package io.github.mackereltracing.internal.logging;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.github.mackereltracing.internal.runtime.Telemetry;
import io.github.mackereltracing.internal.span.TelemetryFailures;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import jakarta.annotation.Nullable;

/**
 * OpenTelemetry's context storage with the MDC kept in step: whenever a context is made current (by any of
 * the library's span sources, by the Jakarta Concurrency context provider on a worker thread, or by the
 * application's own {@code span.makeCurrent()}), the MDC gets that context's span's {@code trace_id} and
 * {@code span_id}, and when its scope closes the MDC gets back exactly what it held before (nested spans,
 * pooled threads: nothing is left behind after a request). Only the two ids are written, never baggage.
 *
 * <p>A context that holds no span clears the ids for its scope, so work that Jakarta Concurrency runs under a
 * cleared context does not log the ids that JBoss LogManager's MDC (an inheritable thread-local) copied into
 * a pooled thread when it was created inside a request.
 */
final class IdsInMdcStorage implements ContextStorage {
  private final ContextStorage delegate;
  private final MdcTarget[] targets;
  // null until a deployment of this copy of the library answered: the setting, read once.
  @Nullable private volatile Boolean on;

  IdsInMdcStorage(ContextStorage delegate, MdcTarget[] targets, @Nullable Boolean on) {
    this.delegate = delegate;
    this.targets = targets;
    this.on = on;
  }

  @Override
  public Scope attach(Context toAttach) {
    if (Boolean.FALSE.equals(on)) {
      return delegate.attach(toAttach); // the setting is off: one volatile read, not the current context too
    }
    Context before = delegate.current();
    Scope scope = delegate.attach(toAttach);
    Span next = Span.fromContext(toAttach);
    Span previous = before == null ? Span.getInvalid() : Span.fromContext(before);
    if (next == previous) {
      return scope; // the same span (baggage changed, or the very context again): the MDC is right already
    }
    SpanContext ids = next.getSpanContext();
    if (!ids.isValid() && !previous.getSpanContext().isValid() && !holdsIds()) {
      return scope; // no span before, none now, nothing inherited: nothing to write
    }
    if (!on()) {
      return scope;
    }
    try {
      String[] saved = write(ids.isValid() ? ids.getTraceId() : null, ids.isValid() ? ids.getSpanId() : null);
      return () -> {
        scope.close();
        restore(saved);
      };
    } catch (RuntimeException | LinkageError e) {
      TelemetryFailures.report("writing trace ids to the MDC", e);
      return scope;
    }
  }

  @Override
  @Nullable
  public Context current() {
    return delegate.current();
  }

  @Override
  public Context root() {
    return delegate.root();
  }

  private boolean holdsIds() {
    try {
      for (MdcTarget target : targets) {
        if (target.get(TraceIdsInLogs.TRACE_ID) != null) {
          return true;
        }
      }
    } catch (RuntimeException | LinkageError e) {
      TelemetryFailures.report("reading the MDC", e);
    }
    return false;
  }

  /** Writes the ids (null: removes them) into every target; returns what each held, in writing order. */
  private String[] write(@Nullable String traceId, @Nullable String spanId) {
    String[] saved = new String[targets.length * 2];
    for (int i = 0; i < targets.length; i++) {
      MdcTarget target = targets[i];
      saved[2 * i] = target.get(TraceIdsInLogs.TRACE_ID);
      saved[2 * i + 1] = target.get(TraceIdsInLogs.SPAN_ID);
      target.set(TraceIdsInLogs.TRACE_ID, traceId);
      target.set(TraceIdsInLogs.SPAN_ID, spanId);
    }
    return saved;
  }

  /**
   * Puts back what {@link #write} found, in reverse order: two targets may share one map (on WildFly SLF4J's
   * MDC is JBoss LogManager's), and undoing the last write first leaves the map as it was.
   */
  private void restore(String[] saved) {
    try {
      for (int i = targets.length - 1; i >= 0; i--) {
        targets[i].set(TraceIdsInLogs.TRACE_ID, saved[2 * i]);
        targets[i].set(TraceIdsInLogs.SPAN_ID, saved[2 * i + 1]);
      }
    } catch (RuntimeException | LinkageError e) {
      TelemetryFailures.report("restoring the MDC", e);
    }
  }

  /**
   * Whether the deployment's {@code mackerel.logs.trace-ids} is on, read once. A copy of the library shared by
   * several deployments follows the first one that traces (one context storage serves them all).
   */
  private boolean on() {
    Boolean value = on;
    if (value != null) {
      return value;
    }
    DeploymentTracing tracing = Deployments.current();
    Telemetry telemetry = tracing == null ? null : tracing.active();
    if (telemetry == null) {
      return false; // not tracing (yet): ask again at the next span
    }
    value = telemetry.feature(TraceIdsInLogs.FEATURE);
    on = value;
    return value;
  }
}
