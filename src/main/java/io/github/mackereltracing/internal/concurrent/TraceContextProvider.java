package io.github.mackereltracing.internal.concurrent;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import jakarta.enterprise.concurrent.spi.ThreadContextRestorer;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;
import java.util.Map;

/**
 * Carries the trace context (the current span and the baggage) into work handed to Jakarta Concurrency:
 * managed executors and scheduled executors, {@code ContextService} proxies and Concurrency 3's
 * {@code @Asynchronous}, so that spans made there are children of the span that submitted the work. The
 * servers load it by {@code ServiceLoader} from the application (this jar's {@code META-INF/services} entry)
 * and, under the default {@code ALL_REMAINING} rule, propagate it with every other context type.
 *
 * <p>The snapshot is the OpenTelemetry {@code Context} itself (immutable). Where the context is to be cleared,
 * the task runs under the root context: a task submitted outside any span starts a trace of its own rather
 * than joining whatever a previous task left on a pooled thread; and the thread's own context comes back
 * when the task ends.
 */
public final class TraceContextProvider implements ThreadContextProvider {
  /** The context type's name, for {@code @ContextServiceDefinition(propagated = ...)}. */
  public static final String TYPE = "MackerelTracing";

  @Override
  public ThreadContextSnapshot currentContext(Map<String, String> props) {
    return new Snapshot(Context.current());
  }

  @Override
  public ThreadContextSnapshot clearedContext(Map<String, String> props) {
    return new Snapshot(Context.root());
  }

  @Override
  public String getThreadContextType() {
    return TYPE;
  }

  private static final class Snapshot implements ThreadContextSnapshot {
    private final Context context;

    Snapshot(Context context) {
      this.context = context;
    }

    @Override
    public ThreadContextRestorer begin() {
      Scope scope = context.makeCurrent();
      return scope::close;
    }
  }
}
