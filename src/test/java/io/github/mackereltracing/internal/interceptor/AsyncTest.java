package io.github.mackereltracing.internal.interceptor;

import static io.github.mackereltracing.testing.InMemoryTracing.awaitSpan;
import static io.github.mackereltracing.testing.InMemoryTracing.finishedSpans;
import static io.github.mackereltracing.testing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A method returning a CompletionStage: its span lasts until the stage completes. */
@EnableAutoWeld
@ExtendWith(InMemoryTracing.class)
@AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class})
@AddBeanClasses(Shipping.class)
class AsyncTest {
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  @Inject Shipping shipping;

  @Test
  void callerGetsTheStageTheMethodReturned() {
    CompletableFuture<String> outcome = new CompletableFuture<>();

    assertThat(shipping.quote(outcome)).isSameAs(outcome);
    outcome.complete("12 EUR");
  }

  @Test
  void spanEndsWhenTheStageCompletesNotWhenTheMethodReturns() {
    CompletableFuture<String> outcome = new CompletableFuture<>();
    shipping.quote(outcome);

    assertThat(finishedSpans()).isEmpty();

    CompletableFuture.runAsync(() -> outcome.complete("12 EUR"));
    SpanData span = awaitSpan(s -> s.getName().equals("Shipping.quote"));
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void stageCompletingExceptionallyMarksTheSpanFailed() {
    CompletableFuture<String> outcome = new CompletableFuture<>();
    shipping.quote(outcome);

    outcome.completeExceptionally(new IOException("rates unavailable"));

    SpanData span = awaitSpan(s -> s.getName().equals("Shipping.quote"));
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("java.io.IOException");
    assertThat(span.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
  }

  @Test
  void failureInsideADerivedStageIsRecordedAsItsCause() {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletionStage<String> estimate = shipping.estimate(source);

    source.complete("");

    assertThat(estimate.toCompletableFuture()).isCompletedExceptionally();
    SpanData span = awaitSpan(s -> s.getName().equals("Shipping.estimate"));
    assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("java.lang.IllegalArgumentException");
  }

  @Test
  void alreadyCompletedStageEndsTheSpanAtOnce() {
    shipping.quote(CompletableFuture.completedFuture("free"));

    assertThat(span("Shipping.quote").hasEnded()).isTrue();
  }

  @Test
  void nullStageEndsTheSpanWhenTheMethodReturns() {
    assertThat(shipping.nothing()).isNull();

    assertThat(span("Shipping.nothing").hasEnded()).isTrue();
  }
}
