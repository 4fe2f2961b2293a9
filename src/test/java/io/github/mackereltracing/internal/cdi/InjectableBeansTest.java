package io.github.mackereltracing.internal.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** MicroProfile Telemetry's beans, added by the extension into an application that declares none. */
@ExtendWith(WeldJunit5Extension.class)
class InjectableBeansTest {
  @WeldSetup
  WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld().beanClasses(Service.class).addExtension(new TracingExtension())).build();

  @ApplicationScoped
  static class Service {
    @Inject OpenTelemetry openTelemetry;
    @Inject Tracer tracer;
    @Inject Span span;
    @Inject Baggage baggage;

    OpenTelemetry openTelemetry() { return openTelemetry; }
    Tracer tracer() { return tracer; }
    Span span() { return span; }
    Baggage baggage() { return baggage; }
  }

  @Inject Service service;

  @Test
  void allFourBeansAreInjectable() {
    assertThat(service.openTelemetry()).isNotNull();
    assertThat(service.tracer()).isNotNull();
    assertThat(service.span()).isNotNull();
    assertThat(service.baggage()).isNotNull();
  }

  @Test
  void injectedSpanAndBaggageFollowWhateverIsCurrent() {
    Tracer sdkTracer = SdkTracerProvider.builder().build().get("test");
    Span outer = sdkTracer.spanBuilder("outer").startSpan();
    try (Scope s1 = outer.makeCurrent();
        Scope s2 = Baggage.builder().put("tenant", "acme").build().makeCurrent()) {
      assertThat(service.span().getSpanContext()).isEqualTo(outer.getSpanContext());
      service.span().setAttribute("from.bean", "yes");
      assertThat(service.baggage().getEntryValue("tenant")).isEqualTo("acme");
      Span inner = sdkTracer.spanBuilder("inner").startSpan();
      try (Scope s3 = inner.makeCurrent()) {
        assertThat(service.span().getSpanContext()).isEqualTo(inner.getSpanContext());
      }
      inner.end();
    }
    outer.end();
    assertThat(service.span().getSpanContext().isValid()).isFalse();
    assertThat(service.baggage().size()).isZero();
  }

  @Test
  void tracingIsOffByDefaultSoTheBeansAreHarmlessNoOps() {
    Span span = service.tracer().spanBuilder("unsampled").startSpan();
    assertThat(span.isRecording()).isFalse();
    span.end();
  }
}
