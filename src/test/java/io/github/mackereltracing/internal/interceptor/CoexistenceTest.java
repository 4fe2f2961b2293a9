package io.github.mackereltracing.internal.interceptor;

import static io.github.mackereltracing.testing.InMemoryTracing.finishedSpans;
import static io.github.mackereltracing.testing.InMemoryTracing.names;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** On a server whose MicroProfile Telemetry already handles @WithSpan, each method still gets one span. */
@EnableAutoWeld
@ExtendWith(InMemoryTracing.class)
@AddExtensions({OtherTelemetryExtension.class, TracingExtension.class, SpanAnnotationsExtension.class})
@AddBeanClasses({Notifications.class, Mailer.class, Catalog.class})
class CoexistenceTest {
  @Inject Notifications notifications;
  @Inject Mailer mailer;
  @Inject Catalog catalog;

  @BeforeEach
  void reset() {
    OtherWithSpanInterceptor.CALLS.set(0);
  }

  @Test
  void withSpanIsLeftToTheServersInterceptor() {
    notifications.send();

    assertThat(OtherWithSpanInterceptor.CALLS).hasValue(1);
    assertThat(finishedSpans()).isEmpty();
  }

  @Test
  void classLevelTracedStepsAsideForAMethodsWithSpan() {
    mailer.mail();

    assertThat(OtherWithSpanInterceptor.CALLS).hasValue(1);
    assertThat(finishedSpans()).isEmpty();
  }

  @Test
  void tracedStillMakesItsSpans() {
    catalog.find("7");

    assertThat(names(finishedSpans())).containsExactly("Catalog.find");
  }
}
