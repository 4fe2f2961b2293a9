package io.github.mackereltracing.internal.interceptor;

import static io.github.mackereltracing.testing.InMemoryTracing.finishedSpans;
import static io.github.mackereltracing.testing.InMemoryTracing.names;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.auto.ActivateScopes;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Beans other than a plain application-scoped class. */
@EnableAutoWeld
@ExtendWith(InMemoryTracing.class)
@AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class})
@AddBeanClasses({Cart.class, QuotesProducer.class})
@ActivateScopes(SessionScoped.class)
class BeanKindsTest {
  @Inject Cart cart;
  @Inject Quotes quotes;

  @Test
  void sessionScopedBeanDeploysAndIsTraced() {
    cart.add();

    assertThat(names(finishedSpans())).containsExactly("Cart.add");
  }

  @Test
  void objectTracedThroughInterceptionFactoryIsTraced() {
    assertThat(quotes.latest()).isEqualTo("42");

    // The producer's class is traced as "quotes producer": its producer method's call (made when the
    // application-scoped Quotes is first used) has that name, the product's method has its own.
    assertThat(names(finishedSpans())).containsExactly("quotes producer", "Quotes.latest");
  }
}
