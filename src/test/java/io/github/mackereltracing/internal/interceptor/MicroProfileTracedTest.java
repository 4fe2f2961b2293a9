package io.github.mackereltracing.internal.interceptor;

import static io.github.mackereltracing.testing.InMemoryTracing.finishedSpans;
import static io.github.mackereltracing.testing.InMemoryTracing.names;
import static io.github.mackereltracing.testing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An application still annotated with MicroProfile OpenTracing's {@code @Traced} is traced unchanged. */
@EnableAutoWeld
@ExtendWith(InMemoryTracing.class)
@AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class})
@AddBeanClasses({LegacyOrders.class, LegacyCatalog.class})
class MicroProfileTracedTest {
  @Inject LegacyOrders orders;
  @Inject LegacyCatalog catalog;

  @Test
  void methodLevelTracesThatMethod() {
    catalog.browse();
    catalog.other();

    assertThat(names(finishedSpans())).containsExactly("LegacyCatalog.browse");
    assertThat(span("LegacyCatalog.browse").getKind()).isEqualTo(SpanKind.INTERNAL);
  }

  @Test
  void classLevelOperationNameAndExclusionFollowTheSameRules() {
    orders.list();
    orders.health();
    orders.find("o-1");

    assertThat(names(finishedSpans())).containsExactly("legacy orders", "find order");
    assertThat(span("find order").getAttributes().get(AttributeKey.stringKey("order.id"))).isEqualTo("o-1");
  }
}
