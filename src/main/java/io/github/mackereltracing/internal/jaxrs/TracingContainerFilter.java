package io.github.mackereltracing.internal.jaxrs;

import io.github.mackereltracing.internal.http.Forwarded;
import io.github.mackereltracing.internal.http.HttpAttributes;
import io.github.mackereltracing.internal.http.HttpSettings;
import io.github.mackereltracing.internal.http.KnownMethods;
import io.github.mackereltracing.internal.http.ServerRequestSpan;
import io.github.mackereltracing.internal.http.ServerTelemetry;
import io.github.mackereltracing.internal.http.UrlRedaction;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Telemetry;
import io.github.mackereltracing.internal.span.TelemetryFailures;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.annotation.Nullable;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Gives the request's SERVER span the JAX-RS resource template as {@code http.route} (application path,
 * class and method {@code @Path}, with the context root: {@code /shop/api/users/{id}}) and renames it {@code
 * GET /shop/api/users/{id}}. When no servlet filter made a SERVER span (JAX-RS outside a servlet container,
 * or the filter was not installed), it makes the span itself, ended by the response filter.
 *
 * <p>Found without user code: by RESTEasy (WildFly, Open Liberty) through {@code
 * META-INF/services/jakarta.ws.rs.ext.Providers}, by Jersey (Payara) through {@code @Provider} scanning.
 * Not final: some containers make providers CDI beans and may subclass them.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
// Before authentication: a request refused by an authentication filter still gets its route.
@Priority(Priorities.AUTHENTICATION - 100)
public class TracingContainerFilter implements ContainerRequestFilter, ContainerResponseFilter {
  /** Request property holding the SERVER span this filter started itself. */
  static final String OWN_SPAN = "io.github.mackereltracing.jaxrs.server-span";

  private static final TextMapGetter<ContainerRequestContext> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ContainerRequestContext request) {
          return request.getHeaders().keySet();
        }

        @Override
        public String get(ContainerRequestContext request, String key) {
          return request == null ? null : request.getHeaders().getFirst(key);
        }

        @Override
        public Iterator<String> getAll(ContainerRequestContext request, String key) {
          List<String> values = request == null ? null : request.getHeaders().get(key);
          return values == null ? Collections.emptyIterator() : values.iterator();
        }
      };

  @Context ResourceInfo resourceInfo;
  @Context UriInfo uriInfo;

  @Override
  public void filter(ContainerRequestContext request) {
    try {
      io.opentelemetry.context.Context current = io.opentelemetry.context.Context.current();
      ServerRequestSpan server = ServerRequestSpan.find(current);
      if (server != null) {
        ResourceRoutes.Named named = named(server.methodName());
        if (named != null) {
          server.setRoute(named.route, named.spanName);
        }
        return;
      }
      if (ServerRequestSpan.isExcluded(current)) {
        return;
      }
      DeploymentTracing tracing = Deployments.current();
      Telemetry telemetry = tracing == null ? null : tracing.active();
      if (telemetry == null || ServerTelemetry.tracesHttp(tracing)) {
        return;
      }
      startOwnSpan(telemetry, request);
    } catch (RuntimeException | LinkageError e) {
      TelemetryFailures.report("naming the SERVER span after its JAX-RS resource", e);
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    ResponseSpan.endIfAny(request.getProperty(OWN_SPAN), response.getStatus(), response.getStringHeaders());
  }

  /**
   * The full route of the matched resource method and the span name for {@code methodName}, or null when
   * JAX-RS does not say which method it is.
   */
  @Nullable
  private ResourceRoutes.Named named(String methodName) {
    Class<?> resourceClass = resourceInfo.getResourceClass();
    Method method = resourceInfo.getResourceMethod();
    if (resourceClass == null || method == null) {
      return null;
    }
    List<Object> matched = uriInfo.getMatchedResources();
    ResourceRoutes.Template template =
        matched != null && matched.size() > 1
            ? ResourceRoutes.locatedTemplate(matched, resourceClass, method)
            : ResourceRoutes.template(resourceClass, method);
    if (template == null) {
      return null;
    }
    return template.named(uriInfo.getBaseUri().getRawPath(), methodName);
  }

  /**
   * The SERVER span of a request no servlet filter saw. It is not made current: a filter cannot wrap the
   * resource method in a scope that is sure to close on the same thread, so spans made by the resource
   * start traces of their own. Requests that match no resource get no span.
   */
  private void startOwnSpan(Telemetry telemetry, ContainerRequestContext request) {
    HttpSettings settings = HttpSettings.of(telemetry);
    URI uri = uriInfo.getRequestUri();
    String path = uri.getRawPath();
    if (!settings.excludedPaths().isEmpty() && settings.excludedPaths().matches(path, null)) {
      return;
    }
    String rawMethod = request.getMethod();
    String method = settings.knownMethods().canonical(rawMethod);
    String methodName = KnownMethods.nameOf(method);
    ResourceRoutes.Named named = named(methodName);
    String route = named == null ? null : named.route;
    io.opentelemetry.context.Context parent =
        telemetry
            .openTelemetry()
            .getPropagators()
            .getTextMapPropagator()
            .extract(io.opentelemetry.context.Context.root(), request, HEADERS);
    SpanBuilder builder =
        telemetry
            .tracer()
            .spanBuilder(named == null ? methodName : named.spanName)
            .setSpanKind(SpanKind.SERVER)
            .setParent(parent)
            .setAttribute(HttpAttributes.URL_PATH, UrlRedaction.redactPath(path));
    HttpAttributes.setMethod(builder, method, rawMethod);
    String forwarded = request.getHeaderString("Forwarded");
    String scheme = Forwarded.param(forwarded, "proto");
    builder.setAttribute(HttpAttributes.URL_SCHEME, scheme != null ? scheme : uri.getScheme());
    if (uri.getHost() != null) {
      builder.setAttribute(HttpAttributes.SERVER_ADDRESS, uri.getHost());
      if (uri.getPort() > 0) {
        builder.setAttribute(HttpAttributes.SERVER_PORT, (long) uri.getPort());
      }
    }
    if (uri.getRawQuery() != null) {
      builder.setAttribute(HttpAttributes.URL_QUERY, UrlRedaction.redactQuery(uri.getRawQuery()));
    }
    String client = Forwarded.nodeAddress(Forwarded.param(forwarded, "for"));
    if (client == null) {
      client = Forwarded.nodeAddress(Forwarded.first(request.getHeaderString("X-Forwarded-For")));
    }
    if (client != null) {
      builder.setAttribute(HttpAttributes.CLIENT_ADDRESS, client);
    }
    String userAgent = request.getHeaderString("User-Agent");
    if (userAgent != null) {
      builder.setAttribute(HttpAttributes.USER_AGENT_ORIGINAL, userAgent);
    }
    if (route != null) {
      builder.setAttribute(HttpAttributes.HTTP_ROUTE, route);
    }
    builder.setAllAttributes(settings.serverRequestHeaders().attributes(request.getHeaders()));
    request.setProperty(OWN_SPAN,
        new ResponseSpan(builder.startSpan(), settings.serverResponseHeaders(), 500, "a JAX-RS SERVER span"));
  }
}
