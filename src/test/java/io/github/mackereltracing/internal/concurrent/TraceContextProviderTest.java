package io.github.mackereltracing.internal.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import jakarta.enterprise.concurrent.spi.ThreadContextRestorer;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The provider as a Jakarta Concurrency implementation drives it: found by {@code ServiceLoader}, a snapshot
 * taken on the submitting thread, begun and ended on a pooled worker thread around the task.
 */
class TraceContextProviderTest {
  private static final Span SUBMITTER = Span.wrap(SpanContext.create(
      "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault()));
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static ThreadContextProvider provider() {
    return ServiceLoader.load(ThreadContextProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.getThreadContextType().equals(TraceContextProvider.TYPE)).findFirst().orElseThrow();
  }

  /** Runs on the worker what the server runs around a task: begin the snapshot, read the context, end it. */
  private Context runWith(ThreadContextSnapshot snapshot) throws Exception {
    return pool.submit(() -> {
      ThreadContextRestorer restorer = snapshot.begin();
      try {
        return Context.current();
      } finally {
        restorer.endContext();
      }
    }).get(10, TimeUnit.SECONDS);
  }

  @Test
  void theSubmittersSpanAndBaggageAreCurrentInTheTask() throws Exception {
    ThreadContextSnapshot snapshot;
    try (Scope ignored = Context.current().with(SUBMITTER).with(Baggage.builder().put("tenant", "t1").build()).makeCurrent()) {
      snapshot = provider().currentContext(Map.of());
    }

    Context inTask = runWith(snapshot);

    assertThat(Span.fromContext(inTask).getSpanContext()).isEqualTo(SUBMITTER.getSpanContext());
    assertThat(Baggage.fromContext(inTask).getEntryValue("tenant")).isEqualTo("t1");
  }

  @Test
  void aTaskSubmittedOutsideAnySpanRunsInNoTraceEvenOnAThreadThatHadOne() throws Exception {
    ThreadContextSnapshot outside = provider().currentContext(Map.of());
    // A worker left with a context of its own (code that forgot to close a scope).
    pool.submit(() -> Context.current().with(SUBMITTER).makeCurrent()).get();

    assertThat(Span.fromContext(runWith(outside)).getSpanContext().isValid()).isFalse();
    assertThat(Span.fromContext(runWith(provider().clearedContext(Map.of()))).getSpanContext().isValid()).isFalse();
  }

  @Test
  void theWorkersOwnContextIsBackAfterTheTask() throws Exception {
    ThreadContextSnapshot snapshot;
    try (Scope ignored = Context.current().with(SUBMITTER).makeCurrent()) {
      snapshot = provider().currentContext(Map.of());
    }
    runWith(snapshot);

    assertThat(pool.submit(() -> Span.current().getSpanContext().isValid()).get()).isFalse();
  }
}
