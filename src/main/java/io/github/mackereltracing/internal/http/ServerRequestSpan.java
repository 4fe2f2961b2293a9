package io.github.mackereltracing.internal.http;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.sdk.trace.IdGenerator;
import jakarta.annotation.Nullable;

/**
 * The one SERVER span of an incoming request, kept in the request's {@link Context} so that whichever layer
 * learns the route later (JAX-RS, after the servlet filter started the span) names it, and so that no layer
 * starts a second SERVER span for the same request.
 */
public final class ServerRequestSpan {
  private static final ContextKey<Object> KEY = ContextKey.named("io.github.mackereltracing.server-request");
  /** Marks the context of a request that is deliberately not traced (an excluded path). */
  private static final Object EXCLUDED = new Object();

  private final DeploymentTracing tracing;
  private final Span span;
  private final String methodName;
  @Nullable private volatile String route;
  /** The first exception a JAX-RS resource method of this request threw, mapped or not. */
  @Nullable private volatile Throwable resourceFailure;

  /**
   * @param tracing the deployment that serves the request
   * @param methodName the method part of the span name ({@code GET}, or {@code HTTP} for unknown methods)
   * @param route the route known at start, or null
   */
  public ServerRequestSpan(DeploymentTracing tracing, Span span, String methodName, @Nullable String route) {
    this.tracing = tracing;
    this.span = span;
    this.methodName = methodName;
    this.route = route;
  }

  /** {@code parent} with this span current and findable by {@link #find}. */
  public Context storeIn(Context parent) {
    return parent.with(span).with(KEY, this);
  }

  /** The request's SERVER span in {@code context}, or null (none, or the request is excluded). */
  @Nullable
  public static ServerRequestSpan find(Context context) {
    Object value = context.get(KEY);
    return value instanceof ServerRequestSpan ? (ServerRequestSpan) value : null;
  }

  /** Whether {@code context} belongs to a request that is deliberately not traced. */
  public static boolean isExcluded(Context context) {
    return context.get(KEY) == EXCLUDED;
  }

  /**
   * The context an excluded request runs in: a valid but unsampled parent, so that with the default
   * parent-based sampler the spans its code would make (a database query of a health check) are not
   * recorded either; Mackerel bills per span.
   */
  public static Context excludedContext() {
    IdGenerator ids = IdGenerator.random();
    SpanContext unsampled =
        SpanContext.create(ids.generateTraceId(), ids.generateSpanId(), TraceFlags.getDefault(), TraceState.getDefault());
    return Context.root().with(Span.wrap(unsampled)).with(KEY, EXCLUDED);
  }

  /**
   * The deployment of the request whose context is current, else the one the thread's context class loader
   * names, else null. Work handed to another thread with the context (Context.taskWrapping, a Rest Client's
   * asynchronous call) thus stays with its deployment even on threads whose class loader says otherwise.
   */
  public static DeploymentTracing deploymentOf(Context context) {
    ServerRequestSpan server = find(context);
    if (server != null && server.tracing != null) {
      return server.tracing;
    }
    return Deployments.current();
  }

  public Span span() {
    return span;
  }

  @Nullable
  public String route() {
    return route;
  }

  /** The method part of this span's name ({@code GET}, or {@code HTTP} for unknown methods). */
  public String methodName() {
    return methodName;
  }

  /**
   * Keeps the exception a resource method threw (the first: the same one often passes several frames). The
   * JAX-RS runtime may map it to a response of its own before any filter sees it; the span's end records it
   * if the response is a 5xx.
   */
  public void resourceFailed(Throwable failure) {
    if (resourceFailure == null) {
      resourceFailure = failure;
    }
  }

  /** What {@link #resourceFailed} kept, or null. */
  @Nullable
  public Throwable resourceFailure() {
    return resourceFailure;
  }

  /**
   * Sets {@code http.route} and renames the span.
   *
   * @param name {@code {method} {route}}, made by the caller (who may have it cached)
   */
  public void setRoute(String newRoute, String name) {
    if (newRoute == null || newRoute.equals(route)) {
      return;
    }
    route = newRoute;
    span.setAttribute(HttpAttributes.HTTP_ROUTE, newRoute);
    span.updateName(name);
  }
}
