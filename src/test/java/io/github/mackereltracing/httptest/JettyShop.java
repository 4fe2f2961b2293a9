package io.github.mackereltracing.httptest;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.internal.servlet.TracingInitializer;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.servlet.Listener;

/**
 * {@link TestShop} deployed at {@code /shop} in an embedded Jetty 12 (ee10) on loopback, with Weld as its
 * CDI container (so that tracing starts the way it does in a CDI deployment: the library's CDI extension
 * claims it and starts it when CDI is up) and RESTEasy or Jersey at {@code /api/*} (resources are plain
 * JAX-RS objects: RESTEasy's CDI integration cannot find a Weld SE container in embedded Jetty), configured
 * through context parameters as a WAR would be.
 * Each deployment has a class loader of its own, so that its tracing, configuration and MicroProfile Config
 * are its own, as on a real server.
 */
public final class JettyShop implements AutoCloseable {
  private static final AtomicInteger COUNT = new AtomicInteger();

  /** The JAX-RS implementation serving {@code /api/*}; named by class name, so that only its jars are needed. */
  public enum JaxRs {
    RESTEASY("org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher",
        Map.of("resteasy.servlet.mapping.prefix", "/api")),
    JERSEY("org.glassfish.jersey.servlet.ServletContainer", Map.of());

    final String servletClass;
    final Map<String, String> initParams;

    JaxRs(String servletClass, Map<String, String> initParams) {
      this.servletClass = servletClass;
      this.initParams = initParams;
    }
  }

  private final Server server;
  private final URI base;

  private JettyShop(Server server, URI base) {
    this.server = server;
    this.base = base;
  }

  /**
   * @param withTracingInitializer false to deploy without the library's servlet filter (JAX-RS must then
   *     make SERVER spans itself); the caller then claims the deployment's tracing
   */
  public static JettyShop start(Map<String, String> params, boolean withTracingInitializer, ClassLoader loader)
      throws Exception {
    return start(params, withTracingInitializer, loader, JaxRs.RESTEASY);
  }

  public static JettyShop start(
      Map<String, String> params, boolean withTracingInitializer, ClassLoader loader, JaxRs jaxRs) throws Exception {
    int n = COUNT.incrementAndGet();
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler("/shop");
    context.setClassLoader(loader);
    params.forEach(context::setInitParameter);
    if (withTracingInitializer) {
      context.addServletContainerInitializer(new TracingInitializer());
    }
    Weld weld =
        new Weld("shop-" + n)
            .disableDiscovery()
            .setClassLoader(loader)
            .property("org.jboss.weld.se.shutdownHook", false)
            .beanClasses(TestShop.Greeting.class)
            // Weld SE loads no service-listed extensions when discovery is off; a server's CDI would.
            .addExtension(new TracingExtension());
    context.addEventListener(Listener.using(weld));

    // The application's own filter, as web.xml would declare it: the library's must still run first.
    FilterHolder appFilter = new FilterHolder(new TestShop.AppFilter());
    appFilter.setAsyncSupported(true);
    context.addFilter(appFilter, "/*", EnumSet.of(DispatcherType.REQUEST));

    add(context, TestShop.HelloServlet.class, "/hello");
    add(context, TestShop.HelloServlet.class, "/healthcare"); // excluded by no default pattern: /health* is a segment
    add(context, TestShop.StatusServlet.class, "/status/*");
    add(context, TestShop.BoomServlet.class, "/boom");
    add(context, TestShop.ForwardServlet.class, "/forward");
    add(context, TestShop.AsyncServlet.class, "/async/*");
    add(context, TestShop.HealthServlet.class, "/health/*");
    add(context, TestShop.HealthServlet.class, "/metrics");
    ServletHolder rest = new ServletHolder();
    rest.setName("jaxrs");
    rest.setClassName(jaxRs.servletClass);
    rest.setInitParameter("jakarta.ws.rs.Application", TestShop.ShopApplication.class.getName());
    jaxRs.initParams.forEach(rest::setInitParameter);
    rest.setAsyncSupported(true);
    rest.setInitOrder(1);
    context.addServlet(rest, "/api/*");

    server.setHandler(context);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      server.start();
    } finally {
      thread.setContextClassLoader(previous);
    }
    URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/shop/");
    return new JettyShop(server, base);
  }

  /** A class loader of its own for a new deployment (child of the test class path). */
  public static ClassLoader newDeploymentLoader() {
    return new URLClassLoader("shop-deployment-" + COUNT.get(), new URL[0], JettyShop.class.getClassLoader());
  }

  private static void add(ServletContextHandler context, Class<? extends jakarta.servlet.Servlet> servlet, String path) {
    ServletHolder holder = new ServletHolder(servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, path);
  }

  /** {@code http://127.0.0.1:port/shop/} */
  public URI base() {
    return base;
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
