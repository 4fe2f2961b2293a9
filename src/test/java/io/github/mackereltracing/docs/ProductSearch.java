package io.github.mackereltracing.docs;

import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;

/** docs/annotations.md: parameters as span attributes. */
@ApplicationScoped
public class ProductSearch {
  @WithSpan
  public void search(@SpanAttribute("query.text") String text, @SpanAttribute int limit, Filter notRecorded) {
    // The search itself is not what the example is about.
  }
}
