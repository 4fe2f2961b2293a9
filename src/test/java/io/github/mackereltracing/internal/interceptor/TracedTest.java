package io.github.mackereltracing.internal.interceptor;

import static io.github.mackereltracing.testing.InMemoryTracing.finishedSpans;
import static io.github.mackereltracing.testing.InMemoryTracing.names;
import static io.github.mackereltracing.testing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code @Traced} on classes and methods, with MicroProfile OpenTracing's rules. */
@EnableAutoWeld
@ExtendWith(InMemoryTracing.class)
@AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class})
@AddBeanClasses({Inventory.class, Catalog.class, Reports.class, Billing.class})
class TracedTest {
  @Inject Inventory inventory;
  @Inject Catalog catalog;
  @Inject Reports reports;
  @Inject Billing billing;

  @Test
  void classLevelTracesEveryBusinessMethod() {
    inventory.count();
    inventory.restock();
    inventory.internalName();

    assertThat(names(finishedSpans()))
        .containsExactly("Inventory.count", "Inventory.restock", "Inventory.internalName");
  }

  @Test
  void spanIsInternalAndNamesTheMethodFullyQualified() {
    assertThat(inventory.count()).isEqualTo(3);

    SpanData span = span("Inventory.count");
    assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("code.function.name")))
        .isEqualTo(Inventory.class.getName() + ".count");
    assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo(DeploymentTracing.SCOPE);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    assertThat(span.hasEnded()).isTrue();
  }

  @Test
  void methodLevelTracesOnlyThatMethod() {
    assertThat(catalog.find("7")).isEqualTo("item-7");
    catalog.list();

    assertThat(names(finishedSpans())).containsExactly("Catalog.find");
  }

  @Test
  void tracedFalseOnMethodExcludesItFromATracedClass() {
    inventory.audit();
    inventory.restock();

    assertThat(names(finishedSpans())).containsExactly("Inventory.restock");
  }

  @Test
  void tracedOnMethodWinsOverTracedFalseOnClass() {
    reports.weekly();
    reports.daily();

    assertThat(names(finishedSpans())).containsExactly("Reports.daily");
  }

  @Test
  void classOperationNameNamesMethodsThatDoNotNameThemselves() {
    billing.charge();
    billing.invoice();

    assertThat(names(finishedSpans())).containsExactly("billing", "billing");
  }

  @Test
  void methodOperationNameWinsOverTheClassOne() {
    billing.refund();

    assertThat(names(finishedSpans())).containsExactly("refund money");
  }
}
