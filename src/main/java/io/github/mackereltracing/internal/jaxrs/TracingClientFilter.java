package io.github.mackereltracing.internal.jaxrs;

import io.github.mackereltracing.internal.http.HttpAttributes;
import io.github.mackereltracing.internal.http.HttpSettings;
import io.github.mackereltracing.internal.http.KnownMethods;
import io.github.mackereltracing.internal.http.ServerRequestSpan;
import io.github.mackereltracing.internal.http.ServerTelemetry;
import io.github.mackereltracing.internal.http.UrlRedaction;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Telemetry;
import io.github.mackereltracing.internal.span.TelemetryFailures;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * Makes a CLIENT span of each outgoing JAX-RS client (and MicroProfile Rest Client) call, a child of the
 * span current where the request filters run, and writes the trace context into the request's headers so
 * that the called service continues the trace. The span travels in the request's properties, never in a
 * thread-local: the response of an asynchronous call is filtered on another thread.
 *
 * <p>A call that fails before a response arrives (connection refused, timeout) never reaches the response
 * filter, and JAX-RS gives filters no other way to hear of it: such a call leaves no CLIENT span (the
 * exception still fails the caller, and its SERVER span records it). Not final: some containers make
 * providers CDI beans and may subclass them.
 */
@Provider
@ConstrainedTo(RuntimeType.CLIENT)
// After the application's own request filters, so that recorded headers include what they add.
@Priority(Priorities.USER + 1000)
public class TracingClientFilter implements ClientRequestFilter, ClientResponseFilter {
  /** Request property holding the call's span. */
  static final String CALL = "io.github.mackereltracing.jaxrs.client-span";

  private static final TextMapSetter<ClientRequestContext> HEADERS =
      (request, key, value) -> {
        if (request != null) {
          request.getHeaders().putSingle(key, value);
        }
      };

  @Override
  public void filter(ClientRequestContext request) {
    try {
      if (request.getProperty(CALL) != null) {
        // Registered twice (the Providers file and a MicroProfile Rest Client listener): one span is enough.
        return;
      }
      Context parent = Context.current();
      DeploymentTracing tracing = ServerRequestSpan.deploymentOf(parent);
      Telemetry telemetry = tracing == null ? null : tracing.active();
      if (telemetry == null || ServerTelemetry.tracesHttp(tracing)) {
        return;
      }
      HttpSettings settings = HttpSettings.of(telemetry);
      String rawMethod = request.getMethod();
      String method = settings.knownMethods().canonical(rawMethod);
      URI uri = request.getUri();
      SpanBuilder builder =
          telemetry
              .tracer()
              .spanBuilder(KnownMethods.nameOf(method))
              .setSpanKind(SpanKind.CLIENT)
              .setParent(parent)
              .setAttribute(HttpAttributes.URL_FULL, UrlRedaction.redactUrl(uri));
      HttpAttributes.setMethod(builder, method, rawMethod);
      if (uri.getHost() != null) {
        builder.setAttribute(HttpAttributes.SERVER_ADDRESS, uri.getHost());
        long port = uri.getPort() > 0 ? uri.getPort() : defaultPort(uri.getScheme());
        if (port > 0) {
          builder.setAttribute(HttpAttributes.SERVER_PORT, port);
        }
      }
      builder.setAllAttributes(settings.clientRequestHeaders().attributes(request.getStringHeaders()));
      Span span = builder.startSpan();
      telemetry.openTelemetry().getPropagators().getTextMapPropagator().inject(parent.with(span), request, HEADERS);
      request.setProperty(
          CALL, new ResponseSpan(span, settings.clientResponseHeaders(), 400, "the CLIENT span of a REST call"));
    } catch (RuntimeException | LinkageError e) {
      TelemetryFailures.report("starting the CLIENT span of a REST call", e);
    }
  }

  @Override
  public void filter(ClientRequestContext request, ClientResponseContext response) {
    ResponseSpan.endIfAny(request.getProperty(CALL), response.getStatus(), response.getHeaders());
    request.removeProperty(CALL); // a request sent again (a redirect) is a call of its own
  }

  private static long defaultPort(String scheme) {
    if ("https".equalsIgnoreCase(scheme)) {
      return 443;
    }
    return "http".equalsIgnoreCase(scheme) ? 80 : -1;
  }
}
