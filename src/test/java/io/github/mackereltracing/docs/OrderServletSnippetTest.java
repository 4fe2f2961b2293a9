package io.github.mackereltracing.docs;

import static io.github.mackereltracing.testing.InMemoryTracing.awaitSpan;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.servlet.TracingInitializer;
import io.github.mackereltracing.testing.MemorySpanExporterProvider;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * docs/jdbc.md's servlet: a {@code @Resource} DataSource wrapped in {@code init()}. Deployed in embedded Jetty
 * with the library's initializer; the resource is injected into the servlet as a server does, before init.
 */
class OrderServletSnippetTest {
  @Test
  void wrappedResourceMakesStatementSpansInsideTheRequest() throws Exception {
    MemorySpanExporterProvider.SPANS.reset();
    JdbcDataSource pool = new JdbcDataSource();
    pool.setURL("jdbc:h2:mem:doc-orders;DB_CLOSE_DELAY=-1");
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS orders (id INT, status VARCHAR(10))");
      statement.execute("INSERT INTO orders VALUES (1, 'open'), (2, 'shipped'), (3, 'open')");
    }
    OrderServlet servlet = new OrderServlet();
    Field raw = OrderServlet.class.getDeclaredField("raw");
    raw.setAccessible(true);
    raw.set(servlet, pool); // what the server's @Resource injection does

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/shop");
    try (URLClassLoader loader = new URLClassLoader("doc-orders", new URL[0], getClass().getClassLoader())) {
      context.setClassLoader(loader);
      context.setInitParameter("otel.sdk.disabled", "false");
      context.setInitParameter("otel.traces.exporter", MemorySpanExporterProvider.NAME);
      context.setInitParameter("otel.bsp.schedule.delay", "50");
      context.addServletContainerInitializer(new TracingInitializer());
      context.addServlet(new ServletHolder(servlet), "/orders");
      server.setHandler(context);
      server.start();
      try {
        URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/shop/orders");
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("2");

        SpanData query = awaitSpan(s -> s.getName().equals("SELECT orders"));
        SpanData request = awaitSpan(s -> s.getKind() == SpanKind.SERVER);
        assertThat(request.getName()).isEqualTo("GET /shop/orders");
        assertThat(query.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(query.getAttributes().get(AttributeKey.stringKey("db.query.text")))
            .isEqualTo("SELECT COUNT(*) FROM orders WHERE status = ?");
      } finally {
        server.stop();
      }
    }
  }
}
