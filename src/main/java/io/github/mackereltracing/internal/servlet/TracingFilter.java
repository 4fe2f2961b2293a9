package io.github.mackereltracing.internal.servlet;

import io.github.mackereltracing.internal.http.HttpSettings;
import io.github.mackereltracing.internal.http.ServerRequestSpan;
import io.github.mackereltracing.internal.http.ServerTelemetry;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Telemetry;
import io.opentelemetry.context.Scope;
import jakarta.annotation.Nullable;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Makes the SERVER span of every request of the deployment, registered by {@link TracingInitializer} for
 * {@code /*}, all dispatcher types, ahead of the application's filters. The first dispatch of a request
 * starts the span; later dispatches of the same request (ASYNC, ERROR, FORWARD, INCLUDE) only make it
 * current again. Requests on excluded paths get no span and run with an unsampled context.
 */
public final class TracingFilter implements Filter {
  /** The filter's name in the servlet context. */
  public static final String NAME = "io.github.mackereltracing";
  private static final Logger LOG = Logger.getLogger(TracingFilter.class.getName());

  private final DeploymentTracing tracing;
  /** Null until init, and when tracing is off or the server's own telemetry traces HTTP. */
  @Nullable private volatile ServletTelemetry servlet;

  TracingFilter(DeploymentTracing tracing) {
    this.tracing = tracing;
  }

  @Override
  public void init(FilterConfig config) {
    // Filters start after every listener (CDI's included), so the SDK can start now, before the first request.
    Telemetry telemetry = tracing.telemetry();
    String contextPath = config.getServletContext().getContextPath();
    HttpSettings.of(telemetry).logWarnings(contextPath);
    if (ServerTelemetry.tracesHttp(tracing)) {
      LOG.info("Mackerel tracing: the server's own telemetry traces HTTP requests of "
          + contextPath + "; this library makes no SERVER spans there");
      return;
    }
    servlet = new ServletTelemetry(tracing, telemetry, new ServletRoutes(contextPath));
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    ServletTelemetry servlet = this.servlet;
    if (servlet == null || !servlet.active()
        || !(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)) {
      chain.doFilter(req, res);
      return;
    }
    Object existing = req.getAttribute(ServletRequestSpan.ATTRIBUTE);
    if (existing != null) {
      redispatch(existing, req, res, chain);
      return;
    }
    HttpServletRequest request = (HttpServletRequest) req;
    HttpSettings settings = servlet.settings;
    if (!settings.excludedPaths().isEmpty()
        && settings.excludedPaths().matches(request.getServletPath(), request.getPathInfo())) {
      req.setAttribute(ServletRequestSpan.ATTRIBUTE, ServletRequestSpan.EXCLUDED);
      try (Scope ignored = ServerRequestSpan.excludedContext().makeCurrent()) {
        chain.doFilter(req, res);
      }
      return;
    }
    ServletRequestSpan span = ServletRequestSpan.start(servlet, request, (HttpServletResponse) res);
    if (span == null) {
      chain.doFilter(req, res);
      return;
    }
    req.setAttribute(ServletRequestSpan.ATTRIBUTE, span);
    try (Scope ignored = span.context().makeCurrent()) {
      chain.doFilter(req, res);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      span.recordError(e);
      throw e;
    } finally {
      span.afterDispatch(request);
      tracing.pendingSetup().runIfDue();
    }
  }

  /**
   * A later dispatch of a request already seen: the same span (or the same exclusion), made current again.
   * A FORWARD or INCLUDE never ends the span: it runs inside another dispatch, which ends it. After an
   * ASYNC or ERROR dispatch of an asynchronous request the container completes the request and the span's
   * AsyncListener hears of it (or of a new asynchronous cycle); the ERROR dispatch of an error page for an
   * exception that escaped the first dispatch ends the span with the page's status.
   */
  private static void redispatch(Object existing, ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (existing instanceof ServletRequestSpan) {
      ServletRequestSpan span = (ServletRequestSpan) existing;
      // An exception out of a FORWARD or INCLUDE reaches the enclosing dispatch, which records it.
      boolean topLevel =
          req.getDispatcherType() == DispatcherType.ASYNC || req.getDispatcherType() == DispatcherType.ERROR;
      try (Scope ignored = span.context().makeCurrent()) {
        chain.doFilter(req, res);
      } catch (IOException | ServletException | RuntimeException | Error e) {
        if (topLevel) {
          span.recordError(e);
        }
        throw e;
      } finally {
        if (req.getDispatcherType() == DispatcherType.ERROR) {
          span.afterErrorDispatch((HttpServletRequest) req);
        }
      }
    } else if (ServletRequestSpan.EXCLUDED.equals(existing)) {
      try (Scope ignored = ServerRequestSpan.excludedContext().makeCurrent()) {
        chain.doFilter(req, res);
      }
    } else {
      // Traced by another deployment's copy of this library (a cross-context forward): leave it to that one.
      chain.doFilter(req, res);
    }
  }

  @Override
  public void destroy() {}
}
