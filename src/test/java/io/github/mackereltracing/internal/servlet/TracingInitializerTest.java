package io.github.mackereltracing.internal.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.MackerelTracing;
import io.github.mackereltracing.testing.LogCapture;
import io.github.mackereltracing.testing.OtlpReceiver;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** A plain servlet container (Jetty 12, no CDI): the initializer alone starts and stops tracing. */
class TracingInitializerTest {
  static final String KEY = "mkr-servlet-0123456789abcdef";

  /** A web application class loader that, like a WAR on plain Jetty or Tomcat, sees no CDI. */
  static final class WebAppWithoutCdi extends URLClassLoader {
    WebAppWithoutCdi() {
      super("webapp", new URL[0], TracingInitializerTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("jakarta.enterprise.")) {
        throw new ClassNotFoundException(name);
      }
      return super.loadClass(name, resolve);
    }
  }

  /** Makes a span the way non-CDI application code does. */
  public static final class CheckoutServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      MackerelTracing.openTelemetry().getTracer("shop").spanBuilder("checkout").startSpan().end();
      resp.getWriter().write("ok");
    }
  }

  static Server server(String contextPath, Map<String, String> params) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(contextPath);
    context.setClassLoader(new WebAppWithoutCdi());
    params.forEach(context::setInitParameter);
    context.addServletContainerInitializer(new TracingInitializer());
    context.addServlet(new ServletHolder(new CheckoutServlet()), "/checkout");
    server.setHandler(context);
    server.start();
    return server;
  }

  static HttpResponse<String> get(Server server, String path) throws Exception {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void tracingStartsWithTheContextAndStopsWithItFlushingSpans() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver(); LogCapture log = LogCapture.library()) {
      Server server = server("/shop", Map.of(
          "mackerel.api-key", KEY,
          "otel.exporter.otlp.traces.endpoint", receiver.tracesUrl(),
          "otel.bsp.schedule.delay", "600000"));
      try {
        // Started at context start, before any request: the start-up line is already there.
        assertThat(log.lines(Level.INFO)).singleElement().asString().contains("enabled for deployment 'shop'");
        assertThat(get(server, "/shop/checkout").body()).isEqualTo("ok");
        assertThat(receiver.spans()).isEmpty();
      } finally {
        server.stop();
      }
      assertThat(receiver.spanNames()).containsExactlyInAnyOrder("checkout", "GET /shop/checkout");
      OtlpReceiver.ReceivedSpan request = receiver.awaitSpan(s -> s.name().startsWith("GET"), Duration.ofSeconds(1));
      OtlpReceiver.ReceivedSpan checkout = receiver.awaitSpan(s -> s.name().equals("checkout"), Duration.ofSeconds(1));
      assertThat(checkout.span().getParentSpanId()).isEqualTo(request.span().getSpanId());
      assertThat(checkout.resourceAttribute("service.name")).isEqualTo("shop");
      assertThat(receiver.requests().get(0).header("Mackerel-Api-Key")).isEqualTo(KEY);
      assertThat(log.all()).doesNotContain(KEY);
    }
  }

  @Test
  void theApplicationServesEvenWhenTracingCannotWork() throws Exception {
    try (LogCapture log = LogCapture.library()) {
      Server server = server("/", Map.of("mackerel.api-key", KEY, "otel.exporter.otlp.endpoint", "::not-a-url::"));
      try {
        HttpResponse<String> response = get(server, "/checkout");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
      } finally {
        server.stop();
      }
      assertThat(log.lines(Level.SEVERE)).singleElement().asString()
          .contains("deployment 'ROOT'", "otel.exporter.otlp.endpoint", "::not-a-url::");
    }
  }
}
