package io.github.mackereltracing.internal.export;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sits in front of the batch span processor and keeps its queue from ever overflowing, so that every
 * dropped span is counted here, exactly, instead of vanishing silently inside the SDK. A span is admitted
 * while fewer than {@code capacity} admitted spans have not yet been handed to the exporter; the cost is
 * one compare-and-set per sampled span.
 */
public final class QueueGuard implements SpanProcessor {
  private final SpanProcessor batchProcessor;
  private final ReportingSpanExporter exporter;
  private final SpanLossReport losses;
  private final long capacity;
  private final AtomicLong admitted = new AtomicLong();

  public QueueGuard(SpanProcessor batchProcessor, ReportingSpanExporter exporter, SpanLossReport losses, long capacity) {
    this.batchProcessor = batchProcessor;
    this.exporter = exporter;
    this.losses = losses;
    this.capacity = capacity;
    losses.countAdmitted(admitted::get);
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    batchProcessor.onStart(parentContext, span);
  }

  @Override
  public boolean isStartRequired() {
    return batchProcessor.isStartRequired();
  }

  @Override
  public void onEnd(ReadableSpan span) {
    if (!span.getSpanContext().isSampled()) {
      return; // the batch processor ignores these too
    }
    long current;
    do {
      current = admitted.get();
      if (current - exporter.handedOver() >= capacity) {
        losses.droppedOnFullQueue();
        return;
      }
    } while (!admitted.compareAndSet(current, current + 1));
    batchProcessor.onEnd(span);
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  @Override
  public CompletableResultCode shutdown() {
    return batchProcessor.shutdown();
  }

  @Override
  public CompletableResultCode forceFlush() {
    return batchProcessor.forceFlush();
  }

  @Override
  public String toString() {
    return "QueueGuard{" + batchProcessor + "}";
  }
}
