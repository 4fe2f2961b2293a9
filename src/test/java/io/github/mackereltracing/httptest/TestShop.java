package io.github.mackereltracing.httptest;

import io.github.mackereltracing.MackerelTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The application the HTTP scenarios run against, as a user would write it: plain servlets (synchronous,
 * asynchronous, forwarding, failing), a filter of its own, and a JAX-RS application with templates, an
 * interface-annotated resource, a sub-resource locator, suspended and CompletionStage resources, and
 * resources that call other resources with the JAX-RS client and a MicroProfile Rest Client.
 */
public final class TestShop {
  /** Loopback executor of the asynchronous resources; threads carry no context of their own. */
  static final ExecutorService WORKERS = Executors.newCachedThreadPool();

  /**
   * Threads whose context class loader names no deployment (as pool threads made by a shared library, or
   * made while serving another application, may): spans must follow the request's context, not the loader.
   */
  static final ExecutorService FOREIGN_WORKERS =
      Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "foreign-worker");
        thread.setDaemon(true);
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        return thread;
      });

  private TestShop() {}

  private static Tracer tracer() {
    return MackerelTracing.openTelemetry().getTracer("test-shop");
  }

  /** A CDI bean, so that the deployment has one. */
  @jakarta.enterprise.context.ApplicationScoped
  public static class Greeting {
    public String text() {
      return "hello";
    }
  }

  /** Mapped to /hello: sets a response header worth recording and one that must never be. */
  public static class HelloServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setHeader("X-Response-Id", "resp-1");
      resp.addHeader("Set-Cookie", "session=secret-session");
      resp.setContentType("text/plain");
      resp.getWriter().write("hello");
    }
  }

  /** Mapped to /status/*: answers ?code=N with setStatus, or with sendError when ?send is there. */
  public static class StatusServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      int code = Integer.parseInt(req.getParameter("code"));
      if (req.getParameter("send") != null) {
        resp.sendError(code);
      } else {
        resp.setStatus(code);
        resp.getWriter().write("status " + code);
      }
    }
  }

  /**
   * Mapped to /boom: an uncaught exception, whose message quotes a value and the request's URL with its query
   * string, as framework exceptions do.
   */
  public static class BoomServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      String url = req.getRequestURI() + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
      throw new IllegalStateException("kaboom at " + url + " for 'alice@example.com'");
    }
  }

  /** Mapped to /forward: forwards to /hello. */
  public static class ForwardServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
      req.getRequestDispatcher("/hello").forward(req, resp);
    }
  }

  /**
   * Mapped to /async/*: /complete finishes on another thread after a child span, /dispatch dispatches to
   * /hello, /timeout never finishes.
   */
  public static class AsyncServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      String mode = req.getPathInfo();
      Context context = Context.current();
      Tracer tracer = tracer();
      AsyncContext async = req.startAsync();
      switch (mode) {
        case "/complete":
          WORKERS.execute(() -> {
            try (Scope ignored = context.makeCurrent()) {
              tracer.spanBuilder("async-work").startSpan().end();
              async.getResponse().getWriter().write("done");
            } catch (IOException e) {
              throw new RuntimeException(e);
            } finally {
              async.complete();
            }
          });
          break;
        case "/dispatch":
          WORKERS.execute(() -> async.dispatch("/hello"));
          break;
        case "/timeout":
          async.setTimeout(100);
          break;
        case "/twice":
          // A second asynchronous cycle, started in the ASYNC dispatch of the first: Jetty and Tomcat hand out
          // the same AsyncContext again.
          if (req.getDispatcherType() == DispatcherType.ASYNC) {
            WORKERS.execute(() -> {
              try {
                async.getResponse().getWriter().write("twice");
              } catch (IOException e) {
                throw new RuntimeException(e);
              } finally {
                async.complete();
              }
            });
          } else {
            WORKERS.execute(async::dispatch);
          }
          break;
        default:
          throw new IllegalArgumentException(mode);
      }
    }
  }

  /** Mapped to /health/* and /metrics: makes a span of its own, which exclusion must suppress too. */
  public static class HealthServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      tracer().spanBuilder("health-db-check").startSpan().end();
      resp.getWriter().write("UP");
    }
  }

  /** The application's own filter: it reports whether a trace was already current when it ran. */
  public static class AppFilter implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
        throws IOException, ServletException {
      ((HttpServletResponse) resp).setHeader(
          "X-App-Filter-Saw-Span", Boolean.toString(Span.current().getSpanContext().isSampled()));
      chain.doFilter(req, resp);
    }
  }

  /** The JAX-RS application, listing its classes (so providers come from the Providers file, not scanning). */
  @ApplicationPath("/api")
  public static class ShopApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
      return Set.of(UsersResource.class, OrdersResource.class, ShopsResource.class, ProxyResource.class);
    }
  }

  @Path("/users")
  public static class UsersResource {
    @GET
    @Path("/{id}")
    public String user(@PathParam("id") String id) {
      if (id.equals("missing")) {
        throw new NotFoundException();
      }
      if (id.equals("boom")) {
        throw new IllegalStateException("resource failed");
      }
      return "user " + id;
    }

    @GET
    @Path("{id: [0-9]+}/orders")
    public String orders(@PathParam("id") long id) {
      return "orders of " + id;
    }

    @GET
    @Path("/suspended/{id}")
    public void suspended(@PathParam("id") String id, @Suspended AsyncResponse response) {
      Context context = Context.current();
      Tracer tracer = tracer();
      WORKERS.execute(() -> {
        try (Scope ignored = context.makeCurrent()) {
          tracer.spanBuilder("suspended-work").startSpan().end();
        }
        response.resume("later " + id);
      });
    }

    @GET
    @Path("/stage/{id}")
    public CompletionStage<String> stage(@PathParam("id") String id) {
      return CompletableFuture.supplyAsync(() -> "staged " + id, WORKERS);
    }
  }

  @Path("/orders")
  public interface OrdersApi {
    @GET
    @Path("/{orderId}/lines/{line}")
    String line(@PathParam("orderId") String orderId, @PathParam("line") int line);
  }

  public static class OrdersResource implements OrdersApi {
    @Override
    public String line(String orderId, int line) {
      return orderId + "/" + line;
    }
  }

  @Path("/shops")
  public static class ShopsResource {
    @Path("/{shop}/items")
    public ItemsResource items(@PathParam("shop") String shop) {
      return new ItemsResource();
    }
  }

  public static class ItemsResource {
    @GET
    @Path("/{item}")
    public String item(@PathParam("item") String item) {
      return "item " + item;
    }
  }

  /** The MicroProfile Rest Client view of {@link UsersResource}. */
  @Path("/users")
  public interface UsersClient {
    @GET
    @Path("/{id}")
    String user(@PathParam("id") String id);

    @GET
    @Path("/{id}")
    CompletionStage<String> userAsync(@PathParam("id") String id);
  }

  /** Calls {@link UsersResource} over HTTP, the way services call each other. */
  @Path("/proxy")
  public static class ProxyResource {
    @jakarta.ws.rs.core.Context UriInfo uriInfo;

    @GET
    @Path("/sync/{id}")
    public String sync(@PathParam("id") String id) {
      Client client = ClientBuilder.newClient();
      try {
        return client.target(uriInfo.getBaseUri()).path("users").path(id).request()
            .header("X-Request-Id", "outgoing-1").header("Authorization", "Bearer outgoing-secret")
            .get(String.class);
      } catch (WebApplicationException e) {
        return "callee answered " + e.getResponse().getStatus();
      } finally {
        client.close();
      }
    }

    /**
     * Asynchronous JAX-RS client call. The client's executor is wrapped with {@code Context.taskWrapping},
     * the documented way to keep the caller's trace when JAX-RS sends requests on its own threads.
     */
    @GET
    @Path("/async/{id}")
    public CompletionStage<String> async(@PathParam("id") String id) {
      ExecutorService executor = FOREIGN_WORKERS; // threads that know nothing of the request
      Client client = ClientBuilder.newBuilder()
          .executorService(Context.taskWrapping(executor))
          .build();
      return client.target(uriInfo.getBaseUri()).path("users").path(id).request().rx().get(String.class)
          .whenComplete((r, e) -> client.close());
    }

    @GET
    @Path("/mp/{id}")
    public String mp(@PathParam("id") String id) {
      return RestClientBuilder.newBuilder().baseUri(uriInfo.getBaseUri()).build(UsersClient.class).user(id);
    }

    @GET
    @Path("/mp-async/{id}")
    public CompletionStage<String> mpAsync(@PathParam("id") String id) {
      return RestClientBuilder.newBuilder().baseUri(uriInfo.getBaseUri()).build(UsersClient.class).userAsync(id);
    }

    @GET
    @Path("/secret-url")
    public String secretUrl() {
      URI base = uriInfo.getBaseUri();
      URI target = URI.create("http://user:pa55@" + base.getHost() + ":" + base.getPort() + base.getRawPath()
          + "users/1?token=abc&q=ok");
      Client client = ClientBuilder.newClient();
      try {
        return client.target(target).request().get(String.class);
      } finally {
        client.close();
      }
    }
  }
}
