package io.github.mackereltracing.reliability;

import io.github.mackereltracing.Traced;
import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.internal.interceptor.SpanAnnotationsExtension;
import io.github.mackereltracing.internal.servlet.TracingInitializer;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.environment.servlet.Listener;

/**
 * The application the reliability tests load: an embedded Jetty 12 with Weld (CDI), the library installed
 * the way a WAR has it (servlet initializer, CDI extensions), and one endpoint that does what a typical
 * request does: {@code GET /shop/order?id=N} calls a {@code @Traced} bean, which calls another, which reads
 * H2 through a CDI-produced DataSource (traced by the library without code). Four spans per request: the
 * SERVER span, {@code Orders.place}, {@code Pricing.price} and the {@code SELECT} on {@code prices}.
 */
final class ShopApp implements AutoCloseable {
  /** Spans each successful {@code /order} request makes. */
  static final int SPANS_PER_REQUEST = 4;
  private static final AtomicInteger COUNT = new AtomicInteger();

  private final Server server;
  private final URLClassLoader loader;
  private final URI base;

  private ShopApp(Server server, URLClassLoader loader, URI base) {
    this.server = server;
    this.loader = loader;
    this.base = base;
  }

  /** Deploys the application at {@code /shop}, configured with these context parameters. */
  static ShopApp start(Map<String, String> params) throws Exception {
    int n = COUNT.incrementAndGet();
    URLClassLoader loader = new URLClassLoader("reliability-shop-" + n, new URL[0], ShopApp.class.getClassLoader());
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("shop-" + n);
    Server server = new Server(threads);
    // Request headers of up to 64 KB, as some servers allow (Jetty's default is 8 KB): hostile headers
    // must reach the library's filter, not be refused by the container.
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(64 * 1024);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler("/shop");
    context.setClassLoader(loader);
    params.forEach(context::setInitParameter);
    context.addServletContainerInitializer(new TracingInitializer());
    Weld weld = new Weld("reliability-shop-" + n)
        .disableDiscovery()
        .setClassLoader(loader)
        .property("org.jboss.weld.se.shutdownHook", false)
        .beanClasses(Orders.class, Pricing.class, Database.class)
        .addExtension(new TracingExtension())
        .addExtension(new SpanAnnotationsExtension());
    context.addEventListener(Listener.using(weld));
    context.addServlet(new ServletHolder(new OrderServlet("reliability-shop-" + n)), "/order");
    server.setHandler(context);

    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      server.start();
    } finally {
      thread.setContextClassLoader(previous);
    }
    return new ShopApp(server, loader, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/shop/"));
  }

  URI orderUri(long id) {
    return base.resolve("order?id=" + id);
  }

  /** Undeploys: the library flushes and shuts its SDK down, bounded. */
  @Override
  public void close() throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      server.stop();
    } finally {
      thread.setContextClassLoader(previous);
    }
    ConfigProviderResolver resolver = ConfigProviderResolver.instance();
    resolver.releaseConfig(resolver.getConfig(loader));
    loader.close();
  }

  /** {@code GET /order?id=N}: what a servlet of the application does, through its CDI beans. */
  public static final class OrderServlet extends HttpServlet {
    private final String container;
    private volatile Orders orders;

    OrderServlet(String container) {
      this.container = container;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      long id = Long.parseLong(req.getParameter("id"));
      // What the request runs with, for the tests that send hostile propagation headers.
      resp.setHeader("X-Trace-Id", Span.current().getSpanContext().getTraceId());
      resp.setHeader("X-Sampled", Boolean.toString(Span.current().getSpanContext().isSampled()));
      resp.setIntHeader("X-Baggage-Entries", Baggage.current().size());
      resp.setContentType("text/plain");
      resp.getWriter().write(orders().place(id));
    }

    private Orders orders() {
      Orders o = orders;
      if (o == null) {
        // Embedded Jetty has no CDI injection into servlets: the bean is looked up, once.
        o = WeldContainer.instance(container).select(Orders.class).get();
        orders = o;
      }
      return o;
    }
  }

  @ApplicationScoped
  public static class Orders {
    @Inject Pricing pricing;

    @Traced
    public String place(@SpanAttribute("order.id") long id) {
      return "order " + id + " costs " + pricing.price(id);
    }
  }

  @ApplicationScoped
  public static class Pricing {
    @Inject DataSource dataSource;

    @Traced
    public long price(@SpanAttribute("order.id") long id) {
      try (Connection c = dataSource.getConnection();
          PreparedStatement select = c.prepareStatement("SELECT amount FROM prices WHERE id = ?")) {
        select.setLong(1, id % 100);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() ? rs.getLong(1) : 0;
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The application's DataSource producer, as for {@code @Produces @Resource DataSource}; the library wraps it. */
  @ApplicationScoped
  public static class Database {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Produces
    @ApplicationScoped
    DataSource dataSource() {
      JdbcConnectionPool pool = JdbcConnectionPool.create(
          "jdbc:h2:mem:reliability-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1", "sa", "");
      pool.setMaxConnections(100);
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE prices (id BIGINT PRIMARY KEY, amount BIGINT)");
        for (int i = 0; i < 100; i++) {
          s.execute("INSERT INTO prices VALUES (" + i + ", " + (i * 7 + 3) + ")");
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return pool;
    }

    void close(@Disposes DataSource dataSource) {
      // The producer's pool; the library hands the disposer the instance the producer made.
      ((JdbcConnectionPool) dataSource).dispose();
    }
  }
}
