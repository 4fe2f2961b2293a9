package io.github.mackereltracing.docs;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** docs/annotations.md "An injected Tracer": a span around part of the work, error recorded. */
@ApplicationScoped
public class SearchIndex {
  private final List<String> entries = new ArrayList<>();

  @Inject Tracer tracer;

  public void rebuild(List<String> documents) {
    Span span = tracer.spanBuilder("rebuild index").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      entries.clear();
      documents.forEach(document -> entries.add(document.strip()));
    } catch (RuntimeException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR);
      throw e;
    } finally {
      span.end();
    }
  }
}
