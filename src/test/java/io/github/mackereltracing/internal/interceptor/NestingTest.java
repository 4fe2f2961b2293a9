package io.github.mackereltracing.internal.interceptor;

import static io.github.mackereltracing.testing.InMemoryTracing.finishedSpans;
import static io.github.mackereltracing.testing.InMemoryTracing.names;
import static io.github.mackereltracing.testing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The span is current while the method runs: what happens inside becomes its children. */
@EnableAutoWeld
@ExtendWith(InMemoryTracing.class)
@AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class})
@AddBeanClasses({Checkout.class, Stock.class})
class NestingTest {
  @Inject Checkout checkout;
  @Inject Tracer tracer;

  @Test
  void nestedCallsAndManualSpansAreChildrenOfTheTracedMethod() {
    Span request = tracer.spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      checkout.place();
    } finally {
      request.end();
    }

    SpanData place = span("Checkout.place");
    SpanData reserve = span("Stock.reserve");
    SpanData row = span("update stock row");
    assertThat(place.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    assertThat(reserve.getParentSpanId()).isEqualTo(place.getSpanId());
    assertThat(row.getParentSpanId()).isEqualTo(reserve.getSpanId());
    assertThat(finishedSpans())
        .extracting(SpanData::getTraceId)
        .containsOnly(request.getSpanContext().getTraceId());
  }

  @Test
  void theCallersSpanIsCurrentAgainAfterTheCall() {
    Span request = tracer.spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      checkout.place();
      assertThat(Span.current()).isSameAs(request);
    } finally {
      request.end();
    }
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void aCallFromTheBeanToItselfIsNotIntercepted() {
    checkout.place();

    // CDI intercepts calls through the bean's proxy only: this.validate() makes no span.
    assertThat(names(finishedSpans())).doesNotContain("Checkout.validate");
  }
}
