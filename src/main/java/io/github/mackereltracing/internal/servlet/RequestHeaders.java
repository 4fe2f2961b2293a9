package io.github.mackereltracing.internal.servlet;

import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;

/** Reads propagation headers (traceparent, baggage, b3...) from a servlet request, every value of each. */
enum RequestHeaders implements TextMapGetter<HttpServletRequest> {
  INSTANCE;

  @Override
  public Iterable<String> keys(HttpServletRequest request) {
    Enumeration<String> names = request.getHeaderNames();
    return names == null ? Collections.emptyList() : Collections.list(names);
  }

  @Override
  public String get(HttpServletRequest request, String key) {
    return request == null ? null : request.getHeader(key);
  }

  @Override
  public Iterator<String> getAll(HttpServletRequest request, String key) {
    if (request == null) {
      return Collections.emptyIterator();
    }
    Enumeration<String> values = request.getHeaders(key);
    return values == null ? Collections.emptyIterator() : values.asIterator();
  }
}
