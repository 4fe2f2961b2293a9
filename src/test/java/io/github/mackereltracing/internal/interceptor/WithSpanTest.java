package io.github.mackereltracing.internal.interceptor;

import static io.github.mackereltracing.testing.InMemoryTracing.finishedSpans;
import static io.github.mackereltracing.testing.InMemoryTracing.names;
import static io.github.mackereltracing.testing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** OpenTelemetry's {@code @WithSpan} works as MicroProfile Telemetry requires. */
@EnableAutoWeld
@ExtendWith(InMemoryTracing.class)
@AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class})
@AddBeanClasses({Notifications.class, Mailer.class})
class WithSpanTest {
  @Inject Notifications notifications;
  @Inject Mailer mailer;
  @Inject Tracer tracer;

  @Test
  void withoutAValueTheSpanIsNamedAfterClassAndMethod() {
    notifications.send();
    notifications.notAnnotated();

    SpanData span = span("Notifications.send");
    assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("code.function.name")))
        .isEqualTo(Notifications.class.getName() + ".send");
    assertThat(names(finishedSpans())).containsExactly("Notifications.send");
  }

  @Test
  void valueNamesTheSpan() {
    notifications.notifyCustomer();

    assertThat(names(finishedSpans())).containsExactly("notify customer");
  }

  @Test
  void kindIsTheAnnotations() {
    notifications.callProvider();
    notifications.receiveWebhook();
    notifications.publish();
    notifications.consume();

    assertThat(span("Notifications.callProvider").getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span("Notifications.receiveWebhook").getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(span("Notifications.publish").getKind()).isEqualTo(SpanKind.PRODUCER);
    assertThat(span("Notifications.consume").getKind()).isEqualTo(SpanKind.CONSUMER);
  }

  @Test
  void spanIsCurrentInsideTheMethodAndAChildOfTheCallers() {
    Span request = tracer.spanBuilder("request").startSpan();
    String seenInside;
    try (Scope ignored = request.makeCurrent()) {
      seenInside = notifications.currentSpanId();
    } finally {
      request.end();
    }

    SpanData span = span("Notifications.currentSpanId");
    assertThat(seenInside).isEqualTo(span.getSpanId());
    assertThat(span.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
  }

  @Test
  void inheritContextFalseStartsANewTrace() {
    Span request = tracer.spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      notifications.startOwnTrace();
    } finally {
      request.end();
    }

    SpanData span = span("Notifications.startOwnTrace");
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    assertThat(span.getTraceId()).isNotEqualTo(request.getSpanContext().getTraceId());
  }

  /**
   * Inside the method the rest of the caller's context (its baggage here) stays current with the new span,
   * whether the span continues the caller's trace or starts its own.
   */
  @Test
  void theCallersBaggageStaysCurrentInside() {
    Span request = tracer.spanBuilder("request").startSpan();
    String[] own;
    String[] child;
    try (Scope ignored = Context.current().with(request).with(Baggage.builder().put("k", "v").build()).makeCurrent()) {
      own = notifications.seenInOwnTrace();
      child = notifications.seenAsChild();
      assertThat(Span.current()).isSameAs(request); // and the caller's context is back afterwards
    } finally {
      request.end();
    }

    assertThat(own).containsExactly(span("Notifications.seenInOwnTrace").getSpanId(), "v");
    assertThat(child).containsExactly(span("Notifications.seenAsChild").getSpanId(), "v");
    assertThat(span("Notifications.seenAsChild").getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    assertThat(span("Notifications.seenInOwnTrace").getParentSpanContext().isValid()).isFalse();
  }

  @Test
  void withSpanOnAMethodOfATracedClassMakesOneSpanDescribedByWithSpan() {
    mailer.mail();

    assertThat(names(finishedSpans())).containsExactly("smtp send");
    assertThat(span("smtp send").getKind()).isEqualTo(SpanKind.CLIENT);
  }
}
