package io.github.mackereltracing.internal.servlet;

import io.github.mackereltracing.internal.http.Forwarded;
import io.github.mackereltracing.internal.http.HeaderCapture;
import io.github.mackereltracing.internal.http.HttpAttributes;
import io.github.mackereltracing.internal.http.HttpSettings;
import io.github.mackereltracing.internal.http.KnownMethods;
import io.github.mackereltracing.internal.http.ServerRequestSpan;
import io.github.mackereltracing.internal.http.UrlRedaction;
import io.github.mackereltracing.internal.span.SpanPath;
import io.github.mackereltracing.internal.span.TelemetryFailures;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import jakarta.annotation.Nullable;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The SERVER span of one servlet request, from its first dispatch to its end: when the first dispatch
 * returns, or, for an asynchronous request, when its {@link AsyncContext} completes, fails or times out
 * (this object then listens to it). Kept in a request attribute so that later dispatches of the same request
 * (ASYNC, ERROR, FORWARD, INCLUDE) find it instead of starting another.
 */
final class ServletRequestSpan implements AsyncListener {
  /** Request attribute holding this object (or, for excluded requests, {@link #EXCLUDED}). */
  static final String ATTRIBUTE = "io.github.mackereltracing.servlet.span";
  /** Attribute value of requests on excluded paths. */
  static final String EXCLUDED = "excluded";

  private static final AtomicIntegerFieldUpdater<ServletRequestSpan> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(ServletRequestSpan.class, "ended");

  private final ServerRequestSpan server;
  private final Context context;
  private final HttpServletResponse response;
  private final HeaderCapture responseHeaders;
  @Nullable private volatile Throwable error;
  private volatile boolean timedOut;
  @Nullable private volatile AsyncContext listeningTo;
  /** An exception escaped the first dispatch with nothing sent: the container's error handling decides. */
  private volatile boolean awaitingErrorHandling;
  /** Set when an error page (ERROR dispatch) has run: the status is then the page's. */
  private volatile boolean errorPageRan;
  private volatile int ended;

  private ServletRequestSpan(
      ServerRequestSpan server, Context context, HttpServletResponse response, HeaderCapture responseHeaders) {
    this.server = server;
    this.context = context;
    this.response = response;
    this.responseHeaders = responseHeaders;
  }

  /** Starts the span of a request's first dispatch; null when that fails (the request then runs untraced). */
  @Nullable
  static ServletRequestSpan start(ServletTelemetry servlet, HttpServletRequest request, HttpServletResponse response) {
    try {
      HttpSettings settings = servlet.settings;
      String rawMethod = request.getMethod();
      String method = settings.knownMethods().canonical(rawMethod);
      String methodName = KnownMethods.nameOf(method);
      ServletRoutes.Route mapped = servlet.routes.route(request);
      String route = mapped == null ? null : mapped.route;
      // A SERVER span's parent is what came over the wire, never a context left behind on a pooled thread.
      Context parent =
          servlet.telemetry.openTelemetry().getPropagators().getTextMapPropagator()
              .extract(Context.root(), request, RequestHeaders.INSTANCE);

      SpanBuilder builder =
          servlet.telemetry.tracer()
              .spanBuilder(mapped == null ? methodName : mapped.spanName(methodName))
              .setSpanKind(SpanKind.SERVER)
              .setParent(parent);
      HttpAttributes.setMethod(builder, method, rawMethod);
      setUrlAndServer(builder, request);
      builder.setAttribute(HttpAttributes.URL_PATH, UrlRedaction.redactPath(request.getRequestURI()));
      String query = request.getQueryString();
      if (query != null) {
        builder.setAttribute(HttpAttributes.URL_QUERY, UrlRedaction.redactQuery(query));
      }
      String version = HttpAttributes.protocolVersion(request.getProtocol());
      if (version != null) {
        builder.setAttribute(HttpAttributes.NETWORK_PROTOCOL_VERSION, version);
      }
      String peer = request.getRemoteAddr();
      String client = clientAddress(request);
      builder.setAttribute(HttpAttributes.CLIENT_ADDRESS, client != null ? client : peer);
      if (peer != null) {
        builder.setAttribute(HttpAttributes.NETWORK_PEER_ADDRESS, peer);
        builder.setAttribute(HttpAttributes.NETWORK_PEER_PORT, (long) request.getRemotePort());
      }
      String userAgent = request.getHeader("User-Agent");
      if (userAgent != null) {
        builder.setAttribute(HttpAttributes.USER_AGENT_ORIGINAL, userAgent);
      }
      if (route != null) {
        builder.setAttribute(HttpAttributes.HTTP_ROUTE, route);
      }
      HeaderCapture requestHeaders = settings.serverRequestHeaders();
      for (int i = 0; i < requestHeaders.size(); i++) {
        List<String> values = values(request.getHeaders(requestHeaders.name(i)));
        if (values != null) {
          builder.setAttribute(requestHeaders.key(i), values);
        }
      }
      Span span = builder.startSpan();
      ServerRequestSpan server = new ServerRequestSpan(servlet.deployment, span, methodName, route);
      return new ServletRequestSpan(server, server.storeIn(parent), response, settings.serverResponseHeaders());
    } catch (RuntimeException | LinkageError e) {
      TelemetryFailures.report("starting the SERVER span of " + request.getRequestURI(), e);
      return null;
    }
  }

  /** url.scheme, server.address and server.port: as the proxy in front saw them, else as this server did. */
  private static void setUrlAndServer(SpanBuilder builder, HttpServletRequest request) {
    String forwarded = request.getHeader("Forwarded");
    String scheme = Forwarded.param(forwarded, "proto");
    if (scheme == null) {
      scheme = Forwarded.first(request.getHeader("X-Forwarded-Proto"));
    }
    builder.setAttribute(HttpAttributes.URL_SCHEME, scheme != null ? scheme : request.getScheme());
    String host = Forwarded.param(forwarded, "host");
    if (host == null) {
      host = Forwarded.first(request.getHeader("X-Forwarded-Host"));
    }
    if (host != null) {
      builder.setAttribute(HttpAttributes.SERVER_ADDRESS, Forwarded.hostOf(host));
      int port = Forwarded.portOf(host);
      if (port > 0) {
        builder.setAttribute(HttpAttributes.SERVER_PORT, (long) port);
      }
      return;
    }
    builder.setAttribute(HttpAttributes.SERVER_ADDRESS, request.getServerName());
    if (request.getServerPort() > 0) {
      builder.setAttribute(HttpAttributes.SERVER_PORT, (long) request.getServerPort());
    }
  }

  private static String clientAddress(HttpServletRequest request) {
    String forwarded = request.getHeader("Forwarded");
    if (forwarded != null) {
      String node = Forwarded.nodeAddress(Forwarded.param(forwarded, "for"));
      if (node != null) {
        return node;
      }
    }
    return Forwarded.nodeAddress(Forwarded.first(request.getHeader("X-Forwarded-For")));
  }

  @Nullable
  private static List<String> values(@Nullable Enumeration<String> values) {
    if (values == null || !values.hasMoreElements()) {
      return null;
    }
    List<String> list = new ArrayList<>(2);
    while (values.hasMoreElements()) {
      list.add(values.nextElement());
    }
    return list;
  }

  Context context() {
    return context;
  }

  /**
   * Keeps an exception that escaped a dispatch: it fails the request whatever the status says, and is
   * recorded when the span ends (the first one: later dispatches often rethrow it wrapped).
   */
  void recordError(Throwable failure) {
    if (failure != null && error == null) {
      try {
        error = applicationCause(failure);
      } catch (RuntimeException e) {
        // An exception's own toString() failed: keep the exception as it came; the application's goes on.
        error = failure;
      }
    }
  }

  /**
   * The application's own exception inside the wrappers a framework puts around it on its way out of the
   * servlet (Jersey on Payara throws {@code ServletException(cause)}, around its own cause carrier): inside a
   * {@code ServletException}, every exception made only to carry its cause (its message is the cause's
   * {@code toString()}, as {@code new X(cause)} makes it) is unwrapped. An exception the application threw
   * itself, unwrapped by no servlet layer, is kept as it is.
   */
  static Throwable applicationCause(Throwable failure) {
    if (!(failure instanceof ServletException)) {
      return failure;
    }
    Throwable current = failure;
    for (int depth = 0; depth < 8; depth++) {
      Throwable cause = current.getCause();
      if (cause == null || cause == current) {
        break;
      }
      if (!(current instanceof ServletException) && !cause.toString().equals(current.getMessage())) {
        break;
      }
      current = cause;
    }
    return current;
  }

  /**
   * After the first dispatch: the request goes on asynchronously (this then listens to its AsyncContext, once
   * per asynchronous cycle); or an exception escaped before anything was sent, and the container's error
   * handling (an error page, which may set any status) comes next: the span ends after it, see
   * {@link #afterErrorDispatch} and {@link #requestDestroyed}; or the request is over and the span ends now.
   */
  void afterDispatch(HttpServletRequest request) {
    if (continuesAsynchronously(request)) {
      return;
    }
    if (error != null && !response.isCommitted()) {
      awaitingErrorHandling = true;
      return;
    }
    end();
  }

  /** After an ERROR dispatch (an error page) of a request whose first dispatch threw: it has set the status. */
  void afterErrorDispatch(HttpServletRequest request) {
    if (!awaitingErrorHandling) {
      return; // the request's end is heard elsewhere (its first dispatch, or its AsyncContext)
    }
    errorPageRan = true;
    if (!continuesAsynchronously(request)) {
      end();
    }
  }

  /**
   * The container is done with the request ({@code ServletRequestListener.requestDestroyed}). Undertow,
   * Tomcat and their kin say so after their error handling, so a span still waiting for it ends with what
   * was sent. Jetty 12 says so before its error handling (each dispatch is a scope of its own): the span then
   * ends with 500, the status Jetty sends when no error page matches (see docs/architecture.md).
   */
  void requestDestroyed() {
    if (awaitingErrorHandling && ended == 0) {
      end();
    }
  }

  private boolean continuesAsynchronously(HttpServletRequest request) {
    try {
      if (request.isAsyncStarted()) {
        listenTo(request.getAsyncContext());
        return true;
      }
    } catch (RuntimeException e) {
      // isAsyncStarted/getAsyncContext raced with completion on another thread: the request is over.
    }
    return false;
  }

  private void listenTo(AsyncContext async) {
    if (listeningTo != async) {
      listeningTo = async;
      async.addListener(this);
    }
  }

  @Override
  public void onComplete(AsyncEvent event) {
    end();
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    timedOut = true;
  }

  @Override
  public void onError(AsyncEvent event) {
    recordError(event.getThrowable());
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // A new asynchronous cycle (startAsync in an ASYNC dispatch): the container has dropped its listeners,
    // which must register again to hear of it, even where it hands out the same AsyncContext (Tomcat, Jetty).
    AsyncContext async = event.getAsyncContext();
    if (async != null) {
      listeningTo = async;
      async.addListener(this);
    }
  }

  /** Ends the span once, with the response's status; never throws. */
  void end() {
    if (!ENDED.compareAndSet(this, 0, 1)) {
      return;
    }
    Span span = server.span();
    try {
      Throwable failure = error;
      int status = response.getStatus();
      if (failure != null && !errorPageRan && !response.isCommitted()) {
        // The container turns an escaped exception into a 500 after this filter has returned.
        status = 500;
      }
      if (status > 0) {
        span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
      }
      if (failure == null && status >= 500) {
        // A JAX-RS runtime that answered a resource's exception with a 5xx of its own (RESTEasy) let nothing
        // escape: the exception the resource method threw is the request's failure.
        failure = server.resourceFailure();
      }
      if (failure != null && errorPageRan && status < 500) {
        // An error page answered with a client status: the application handled its exception, as a JAX-RS
        // ExceptionMapper that answers 4xx does; the request is not failed.
        failure = null;
      }
      if (failure != null) {
        SpanPath.fail(span, failure, null);
      } else if (status >= 500) {
        SpanPath.fail(span, timedOut ? HttpAttributes.ERROR_TIMEOUT : Integer.toString(status));
      }
      for (int i = 0; i < responseHeaders.size(); i++) {
        Collection<String> values = response.getHeaders(responseHeaders.name(i));
        if (values != null && !values.isEmpty()) {
          span.setAttribute(responseHeaders.key(i), new ArrayList<>(values));
        }
      }
    } catch (RuntimeException | LinkageError e) {
      TelemetryFailures.report("ending a SERVER span", e);
    } finally {
      span.end();
    }
  }
}
