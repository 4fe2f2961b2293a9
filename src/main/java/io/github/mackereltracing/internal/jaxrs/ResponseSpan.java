package io.github.mackereltracing.internal.jaxrs;

import io.github.mackereltracing.internal.http.HeaderCapture;
import io.github.mackereltracing.internal.http.HttpAttributes;
import io.github.mackereltracing.internal.span.SpanPath;
import io.github.mackereltracing.internal.span.TelemetryFailures;
import io.opentelemetry.api.trace.Span;
import jakarta.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * A span a JAX-RS filter started (a CLIENT call, or a SERVER span no servlet filter made), carried in the
 * request's properties and ended by the response filter with the response's status and captured headers.
 */
final class ResponseSpan {
  private final Span span;
  private final HeaderCapture responseHeaders;
  /** The lowest status that fails the span: 400 for a call (it did not get what it asked for), 500 for a server. */
  private final int errorFrom;
  private final String what;

  ResponseSpan(Span span, HeaderCapture responseHeaders, int errorFrom, String what) {
    this.span = span;
    this.responseHeaders = responseHeaders;
    this.errorFrom = errorFrom;
    this.what = what;
  }

  /**
   * What both response filters do with the request property their request filter set: ends the span it
   * holds, if it holds one (none when the request filter made no span) and it has not ended yet.
   */
  static void endIfAny(@Nullable Object property, int status, Map<String, List<String>> headers) {
    if (property instanceof ResponseSpan) {
      ((ResponseSpan) property).end(status, headers);
    }
  }

  /** The span ends once, however often a response filter runs for the request. */
  private boolean ended;

  /** Ends the span once its response is known; never throws. */
  void end(int status, Map<String, List<String>> headers) {
    if (ended) {
      return;
    }
    ended = true;
    try {
      span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
      if (status >= errorFrom) {
        SpanPath.fail(span, Integer.toString(status));
      }
      span.setAllAttributes(responseHeaders.attributes(headers));
    } catch (RuntimeException | LinkageError e) {
      TelemetryFailures.report("ending " + what, e);
    } finally {
      span.end();
    }
  }
}
