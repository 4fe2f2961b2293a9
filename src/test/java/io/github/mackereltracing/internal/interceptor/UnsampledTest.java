package io.github.mackereltracing.internal.interceptor;

import static io.github.mackereltracing.testing.InMemoryTracing.finishedSpans;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A span the sampler would drop is not built: the method runs in its caller's context, as it would without
 * tracing. With the default sampler, that is every method called inside a trace that was not sampled.
 */
class UnsampledTest {
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  static SpanContext remoteParent(TraceFlags flags) {
    return SpanContext.createFromRemoteParent(TRACE, "00f067aa0ba902b7", flags, TraceState.getDefault());
  }

  @Nested
  @EnableAutoWeld
  @ExtendWith(InMemoryTracing.class)
  @AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class})
  @AddBeanClasses(ContextProbe.class)
  class DefaultSampler {
    @Inject ContextProbe probe;

    @Test
    void insideAnUnsampledTraceTheCallerSpanStaysCurrent() {
      SpanContext parent = remoteParent(TraceFlags.getDefault());
      SpanContext inside;
      try (Scope ignored = Span.wrap(parent).makeCurrent()) {
        inside = probe.current();
      }

      assertThat(inside).isEqualTo(parent);
      assertThat(finishedSpans()).isEmpty();
    }

    @Test
    void insideASampledTraceTheMethodHasItsSpan() {
      SpanContext parent = remoteParent(TraceFlags.getSampled());
      SpanContext inside;
      try (Scope ignored = Span.wrap(parent).makeCurrent()) {
        inside = probe.current();
      }

      SpanData span = InMemoryTracing.span("ContextProbe.current");
      assertThat(inside.getSpanId()).isEqualTo(span.getSpanId()).isNotEqualTo(parent.getSpanId());
      assertThat(span.getTraceId()).isEqualTo(TRACE);
      assertThat(span.getParentSpanId()).isEqualTo(parent.getSpanId());
    }

    @Test
    void withoutATraceTheMethodStartsOne() {
      SpanContext inside = probe.current();

      assertThat(inside.isValid()).isTrue();
      assertThat(finishedSpans()).hasSize(1);
    }
  }

  @Nested
  @EnableAutoWeld
  @ExtendWith(InMemoryTracing.SamplingOff.class)
  @AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class})
  @AddBeanClasses(ContextProbe.class)
  class SamplingOff {
    @Inject ContextProbe probe;

    @Test
    void noSpanIsBuiltOutsideATrace() {
      assertThat(probe.current().isValid()).isFalse();
      assertThat(finishedSpans()).isEmpty();
    }

    @Test
    void noSpanIsBuiltInsideASampledTrace() {
      SpanContext parent = remoteParent(TraceFlags.getSampled());
      SpanContext inside;
      try (Scope ignored = Span.wrap(parent).makeCurrent()) {
        inside = probe.current();
      }

      assertThat(inside).isEqualTo(parent);
      assertThat(finishedSpans()).isEmpty();
    }
  }
}
