package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Set;

/** Parameters that become span attributes, of every kind of type. */
@ApplicationScoped
public class SearchService {
  @WithSpan
  public void query(
      @SpanAttribute("query.text") String text,
      @SpanAttribute int limit,
      @SpanAttribute("query.exact") boolean exact,
      @SpanAttribute("query.boost") double boost,
      @SpanAttribute("query.page") Long page,
      @SpanAttribute("query.day") DayOfWeek day,
      String notAnAttribute) {}

  @WithSpan
  public void filter(
      @SpanAttribute("tags") List<String> tags,
      @SpanAttribute("ids") long[] ids,
      @SpanAttribute("weights") List<Double> weights,
      @SpanAttribute("flags") boolean[] flags,
      @SpanAttribute("names") String[] names,
      @SpanAttribute("days") Set<DayOfWeek> days) {}

  @Traced
  public void byCustomer(@SpanAttribute("customer.id") String customerId) {}
}
