package io.github.mackereltracing.httptest;

import io.github.mackereltracing.testing.MemorySpanExporterProvider;
import io.github.mackereltracing.testing.OtlpReceiver;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** Where a scenario reads the spans a deployment exported. */
public interface SpanSource {
  List<RecordedSpan> spans();

  /** The in-memory exporter of {@link io.github.mackereltracing.testing.MemorySpanExporterProvider}. */
  static SpanSource inMemory() {
    return () -> MemorySpanExporterProvider.SPANS.getFinishedSpanItems().stream().map(RecordedSpan::of).toList();
  }

  /** A real OTLP/HTTP receiver: what arrives over the wire, decoded. */
  static SpanSource otlp(OtlpReceiver receiver) {
    return () -> receiver.spans().stream().map(RecordedSpan::of).toList();
  }

  /** Waits until {@code count} spans match, and returns them; fails with what did arrive otherwise. */
  default List<RecordedSpan> await(Predicate<RecordedSpan> matching, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<RecordedSpan> found = List.of();
    while (System.nanoTime() < deadline) {
      found = spans().stream().filter(matching).toList();
      if (found.size() >= count) {
        return found;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("expected " + count + " matching spans, found " + found + "; all spans: "
        + spans().stream().map(s -> s.kind() + " " + s.name() + " " + s.attributes()).toList());
  }

  default List<RecordedSpan> awaitTrace(String traceId, int count) {
    return await(s -> s.traceId().equals(traceId), count);
  }
}
