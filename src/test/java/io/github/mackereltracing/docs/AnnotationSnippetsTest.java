package io.github.mackereltracing.docs;

import static io.github.mackereltracing.testing.InMemoryTracing.finishedSpans;
import static io.github.mackereltracing.testing.InMemoryTracing.names;
import static io.github.mackereltracing.testing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.internal.interceptor.SpanAnnotationsExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The annotation and Tracer snippets of the READMEs, docs/annotations.md and the migration guide do what they say. */
@EnableAutoWeld
@ExtendWith(InMemoryTracing.class)
@AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class})
@AddBeanClasses({Orders.class, AwesomeAction.class, PriceService.class, LegacyPriceService.class, Invoices.class,
    ProductSearch.class, SearchIndex.class})
class AnnotationSnippetsTest {
  @Inject Orders orders;
  @Inject AwesomeAction awesomeAction;
  @Inject PriceService prices;
  @Inject LegacyPriceService legacyPrices;
  @Inject Invoices invoices;
  @Inject ProductSearch search;
  @Inject SearchIndex index;

  @Test
  void withSpanNamesTheSpanAndRecordsTheParameter() {
    assertThat(orders.load("42")).isEqualTo(new Order("42"));

    SpanData span = span("awesome_action");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("id"))).isEqualTo("42");
  }

  @Test
  void injectedTracerMakesTheGuidesSpan() {
    awesomeAction.awesomeAction(7);

    assertThat(span("awesome_action").getAttributes().get(AttributeKey.longKey("id"))).isEqualTo(7L);
  }

  @Test
  void tracedClassExcludedMethodAndOperationName() {
    Price price = prices.quote(new Cart(List.of(100L, 250L)));
    assertThat(prices.healthy()).isTrue();
    prices.discount(price, "WELCOME");

    assertThat(names(finishedSpans())).containsExactly("PriceService.quote", "apply coupon");
    assertThat(span("PriceService.quote").getAttributes().get(AttributeKey.stringKey("code.function.name")))
        .isEqualTo(PriceService.class.getName() + ".quote");
  }

  @Test
  void microProfileOpenTracingsTracedFollowsTheSameRules() {
    Price price = legacyPrices.quote(new Cart(List.of(100L)));
    legacyPrices.healthy();
    legacyPrices.discount(price, "");

    assertThat(names(finishedSpans())).containsExactly("LegacyPriceService.quote", "apply coupon");
  }

  @Test
  void stereotypeCarriesTracing() {
    invoices.issue("acme");

    assertThat(names(finishedSpans())).containsExactly("Invoices.issue");
  }

  @Test
  void annotatedParametersBecomeAttributesOthersDoNot() {
    search.search("blue shoes", 20, new Filter("footwear"));

    SpanData span = span("ProductSearch.search");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("query.text"))).isEqualTo("blue shoes");
    assertThat(span.getAttributes().get(AttributeKey.longKey("limit"))).isEqualTo(20L);
    assertThat(span.getAttributes().size()).isEqualTo(3); // the two above and code.function.name
  }

  @Test
  void manualSpanRecordsTheErrorAndRethrows() {
    index.rebuild(List.of(" a ", "b"));
    assertThat(span("rebuild index").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

    InMemoryTracing.finishedSpans(); // flushed
    assertThatThrownBy(() -> index.rebuild(Arrays.asList("a", null))).isInstanceOf(NullPointerException.class);
    SpanData failed = finishedSpans().get(1);
    assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(failed.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
  }
}
