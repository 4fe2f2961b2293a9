package io.github.mackereltracing.internal.interceptor;

import static io.github.mackereltracing.testing.InMemoryTracing.span;
import static io.opentelemetry.api.common.AttributeKey.booleanArrayKey;
import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleArrayKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longArrayKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.opentelemetry.api.common.Attributes;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code @SpanAttribute} parameters become attributes typed after the parameter. */
@EnableAutoWeld
@ExtendWith(InMemoryTracing.class)
@AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class})
@AddBeanClasses(SearchService.class)
class SpanAttributeTest {
  @Inject SearchService search;

  @Test
  void scalarParametersBecomeTypedAttributes() {
    search.query("red shoes", 20, true, 1.5, 3L, DayOfWeek.MONDAY, "ignored");

    Attributes attributes = span("SearchService.query").getAttributes();
    assertThat(attributes.get(stringKey("query.text"))).isEqualTo("red shoes");
    assertThat(attributes.get(booleanKey("query.exact"))).isTrue();
    assertThat(attributes.get(doubleKey("query.boost"))).isEqualTo(1.5);
    assertThat(attributes.get(longKey("query.page"))).isEqualTo(3L);
    assertThat(attributes.get(stringKey("query.day"))).isEqualTo("MONDAY");
  }

  @Test
  void withoutAValueTheParameterNameIsTheAttributeName() {
    search.query("red shoes", 20, true, 1.5, 3L, DayOfWeek.MONDAY, "ignored");

    assertThat(span("SearchService.query").getAttributes().get(longKey("limit"))).isEqualTo(20L);
  }

  @Test
  void onlyAnnotatedParametersBecomeAttributes() {
    search.query("red shoes", 20, true, 1.5, 3L, DayOfWeek.MONDAY, "ignored");

    assertThat(span("SearchService.query").getAttributes().asMap().values()).doesNotContain("ignored");
  }

  @Test
  void nullArgumentAddsNoAttribute() {
    search.query(null, 20, true, 1.5, null, null, null);

    Attributes attributes = span("SearchService.query").getAttributes();
    assertThat(attributes.get(stringKey("query.text"))).isNull();
    assertThat(attributes.get(longKey("query.page"))).isNull();
    assertThat(attributes.get(longKey("limit"))).isEqualTo(20L);
  }

  @Test
  void collectionsAndArraysBecomeArrayAttributes() {
    search.filter(
        List.of("sale", "new"),
        new long[] {4, 2},
        Arrays.asList(0.5, null, 2.0),
        new boolean[] {true, false},
        new String[] {"a", "b"},
        EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));

    Attributes attributes = span("SearchService.filter").getAttributes();
    assertThat(attributes.get(stringArrayKey("tags"))).containsExactly("sale", "new");
    assertThat(attributes.get(longArrayKey("ids"))).containsExactly(4L, 2L);
    assertThat(attributes.get(doubleArrayKey("weights"))).containsExactly(0.5, 2.0);
    assertThat(attributes.get(booleanArrayKey("flags"))).containsExactly(true, false);
    assertThat(attributes.get(stringArrayKey("names"))).containsExactly("a", "b");
    assertThat(attributes.get(stringArrayKey("days"))).containsExactly("SATURDAY", "SUNDAY");
  }

  @Test
  void spanAttributeWorksOnTracedMethods() {
    search.byCustomer("c-42");

    assertThat(span("SearchService.byCustomer").getAttributes().get(stringKey("customer.id"))).isEqualTo("c-42");
  }
}
