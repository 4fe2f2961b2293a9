package io.github.mackereltracing.internal.cdi;

import static io.github.mackereltracing.testing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.Traced;
import io.github.mackereltracing.internal.interceptor.SpanAnnotationsExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The injected {@code Span} and {@code Baggage} made current, as users write it: what becomes current is the
 * span (baggage) the bean stood for, never the bean, whose every call reads what is current.
 */
@EnableAutoWeld
@ExtendWith(InMemoryTracing.class)
@AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class})
@AddBeanClasses({InjectedSpanMadeCurrentTest.Orders.class, InjectedSpanMadeCurrentTest.Database.class})
class InjectedSpanMadeCurrentTest {
  static final SpanContext REMOTE = SpanContext.createFromRemoteParent(
      "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());

  @Dependent
  public static class Database {
    @Produces
    DataSource dataSource() {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:injected-span;DB_CLOSE_DELAY=-1");
      return h2;
    }
  }

  @ApplicationScoped
  @Traced
  public static class Orders {
    @Inject Span span;
    @Inject Baggage baggage;
    @Inject DataSource dataSource;

    /** Returns the span current inside the scope the injected span opened. */
    public Span storeWithinScope() throws SQLException {
      try (Scope ignored = span.makeCurrent()) {
        Span current = Span.current();
        current.setAttribute("order.id", 7L);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
          s.execute("CREATE TABLE IF NOT EXISTS orders (id INT)");
          s.executeQuery("SELECT id FROM orders").close();
        }
        return current;
      }
    }

    public Context contextWithInjectedSpan() {
      return Context.current().with(span);
    }

    public void linkToRemote() {
      span.addLink(REMOTE, Attributes.of(AttributeKey.stringKey("link.reason"), "batch"));
    }

    public String baggageWithinScope() {
      try (Scope ignored = baggage.makeCurrent()) {
        return Baggage.current().getEntryValue("tenant");
      }
    }

    public Baggage extendedBaggage() {
      return baggage.toBuilder().put("region", "tokyo").build();
    }
  }

  @Inject Orders orders;
  @Inject Span injectedSpan;
  @Inject Baggage injectedBaggage;

  @Test
  void makingTheInjectedSpanCurrentKeepsTheTracedSpanCurrentAndStatementsUnderIt() throws SQLException {
    Span current = orders.storeWithinScope();

    assertThat(current).isNotSameAs(injectedSpan);
    SpanData traced = span("Orders.storeWithinScope");
    assertThat(current.getSpanContext()).isEqualTo(traced.getSpanContext());
    assertThat(traced.getAttributes().get(AttributeKey.longKey("order.id"))).isEqualTo(7L);
    SpanData statement = span("SELECT orders");
    assertThat(statement.getParentSpanContext()).isEqualTo(traced.getSpanContext());
  }

  @Test
  void aContextWithTheInjectedSpanHoldsTheSpanThatWasCurrent() {
    Context context = orders.contextWithInjectedSpan();

    Span stored = Span.fromContext(context);
    assertThat(stored).isNotSameAs(injectedSpan);
    assertThat(stored.getSpanContext()).isEqualTo(span("Orders.contextWithInjectedSpan").getSpanContext());
    // Read later, once that span has ended and another is current, the context still has its own span.
    try (Scope ignored = Span.wrap(REMOTE).makeCurrent()) {
      assertThat(Span.fromContext(context).getSpanContext()).isNotEqualTo(REMOTE);
    }
  }

  @Test
  void outsideAnySpanTheInjectedSpanMadeCurrentIsTheInvalidSpan() {
    try (Scope ignored = injectedSpan.makeCurrent()) {
      assertThat(Span.current().getSpanContext().isValid()).isFalse();
      assertThat(Span.current()).isNotSameAs(injectedSpan);
    }
  }

  @Test
  void aLinkAddedThroughTheInjectedSpanReachesTheCurrentSpan() {
    orders.linkToRemote();

    assertThat(span("Orders.linkToRemote").getLinks())
        .extracting(LinkData::getSpanContext)
        .containsExactly(REMOTE);
  }

  @Test
  void makingTheInjectedBaggageCurrentKeepsTheBaggageThatWasCurrent() {
    try (Scope ignored = Baggage.builder().put("tenant", "acme").build().makeCurrent()) {
      assertThat(orders.baggageWithinScope()).isEqualTo("acme");
      try (Scope inner = injectedBaggage.makeCurrent()) {
        assertThat(Baggage.current()).isNotSameAs(injectedBaggage);
        assertThat(Baggage.current().getEntryValue("tenant")).isEqualTo("acme");
      }
      Baggage extended = orders.extendedBaggage();
      assertThat(extended.asMap()).containsOnlyKeys("tenant", "region");
    }
  }
}
