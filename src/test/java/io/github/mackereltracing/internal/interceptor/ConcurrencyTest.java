package io.github.mackereltracing.internal.interceptor;

import static io.github.mackereltracing.testing.InMemoryTracing.awaitSpans;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many threads calling traced beans at once: every span keeps the parent of its own call. */
@EnableAutoWeld
@ExtendWith(InMemoryTracing.class)
@AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class})
@AddBeanClasses({Relay.class, Relay.Hop.class})
class ConcurrencyTest {
  static final int THREADS = 8;
  static final int CALLS_PER_THREAD = 2000;
  static final AttributeKey<Long> CALL = AttributeKey.longKey("call");

  @Inject Relay relay;
  @Inject Tracer tracer;

  @Test
  void everySpanArrivesWithTheParentOfItsOwnCall() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long first = (long) t * CALLS_PER_THREAD;
        workers.add(pool.submit(() -> {
          for (long call = first; call < first + CALLS_PER_THREAD; call++) {
            Span request = tracer.spanBuilder("request").setAttribute(CALL, call).startSpan();
            try (Scope ignored = request.makeCurrent()) {
              relay.forward(call);
            } finally {
              request.end();
            }
          }
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdown();
    }

    int calls = THREADS * CALLS_PER_THREAD;
    List<SpanData> spans = awaitSpans(3 * calls);
    assertThat(spans).hasSize(3 * calls);
    Map<String, SpanData> byId =
        spans.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
    Map<String, Long> countByName =
        spans.stream().collect(Collectors.groupingBy(SpanData::getName, Collectors.counting()));
    assertThat(countByName).containsEntry("request", (long) calls)
        .containsEntry("Relay.forward", (long) calls)
        .containsEntry("Hop.step", (long) calls);
    for (SpanData span : spans) {
      if (span.getName().equals("request")) {
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        continue;
      }
      SpanData parent = byId.get(span.getParentSpanId());
      assertThat(parent).as("parent of %s", span).isNotNull();
      assertThat(parent.getName()).isEqualTo(span.getName().equals("Relay.forward") ? "request" : "Relay.forward");
      assertThat(parent.getAttributes().get(CALL)).isEqualTo(span.getAttributes().get(CALL));
      assertThat(parent.getTraceId()).isEqualTo(span.getTraceId());
    }
  }
}
