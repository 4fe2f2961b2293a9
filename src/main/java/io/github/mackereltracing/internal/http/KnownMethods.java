package io.github.mackereltracing.internal.http;

import java.util.Locale;
import java.util.Set;

/**
 * The HTTP methods the conventions call "known" (RFC 9110 and PATCH), or the list the user gave in
 * {@code otel.instrumentation.http.known-methods}. Other methods are reported as {@code _OTHER}, so that a
 * client sending random methods cannot blow up the cardinality of span names.
 */
public final class KnownMethods {
  static final String OTHER = "_OTHER";
  /** The span name's method part when the method is not known. */
  static final String UNKNOWN_NAME = "HTTP";
  public static final KnownMethods DEFAULT =
      new KnownMethods(Set.of("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"));

  private final Set<String> known;

  KnownMethods(Set<String> known) {
    this.known = Set.copyOf(known);
  }

  /**
   * The value of {@code http.request.method}: the method itself when known, its upper-case form when only
   * the case differs (the servlet API treats methods case-sensitively, but clients do send "get"), else
   * {@code _OTHER}.
   */
  public String canonical(String method) {
    if (method == null) {
      return OTHER;
    }
    if (known.contains(method)) {
      return method;
    }
    String upper = method.toUpperCase(Locale.ROOT);
    return known.contains(upper) ? upper : OTHER;
  }

  /** The method part of a span name for a canonical method: itself, or "HTTP" for {@code _OTHER}. */
  public static String nameOf(String canonical) {
    return OTHER.equals(canonical) ? UNKNOWN_NAME : canonical;
  }

  Set<String> methods() {
    return known;
  }
}
