package io.github.mackereltracing.httptest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.servlet.TracingInitializer;
import io.github.mackereltracing.testing.MemorySpanExporterProvider;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Error pages on Undertow (WildFly's servlet container, embedded), which runs the error page of an exception
 * before it reports the request's end: the SERVER span says what the page sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UndertowErrorPageTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private Undertow server;
  private DeploymentManager manager;
  private URI base;

  /** Thrown by /sold-out; web.xml would map it to an error page that answers 409. */
  public static final class SoldOutException extends RuntimeException {
    SoldOutException(String message) {
      super(message);
    }
  }

  /** Thrown by /down; mapped to an error page that answers 503. */
  public static final class MaintenanceException extends RuntimeException {
    MaintenanceException(String message) {
      super(message);
    }
  }

  public static final class ThrowingServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      switch (req.getServletPath()) {
        case "/sold-out" -> throw new SoldOutException("no more tickets");
        case "/down" -> throw new MaintenanceException("back at noon");
        default -> throw new IllegalStateException("no page for this one");
      }
    }
  }

  /** The error page: 503 for maintenance, 409 for the rest. */
  public static final class ErrorPageServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      Object exception = req.getAttribute("jakarta.servlet.error.exception");
      resp.setStatus(exception instanceof MaintenanceException ? 503 : 409);
      resp.getWriter().write("sorry");
    }
  }

  @BeforeAll
  void deploy() throws Exception {
    MemorySpanExporterProvider.SPANS.reset();
    ClassLoader loader = new URLClassLoader("undertow-shop", new URL[0], getClass().getClassLoader());
    DeploymentInfo deployment =
        Servlets.deployment()
            .setClassLoader(loader)
            .setContextPath("/shop")
            .setDeploymentName("shop")
            .addInitParameter("otel.sdk.disabled", "false")
            .addInitParameter("otel.traces.exporter", MemorySpanExporterProvider.NAME)
            .addInitParameter("otel.bsp.schedule.delay", "20")
            .addInitParameter("otel.metrics.exporter", "none")
            .addInitParameter("otel.logs.exporter", "none")
            .addInitParameter("mackerel.host-id-file", "/nonexistent/mackerel-id")
            .addServletContainerInitializer(new ServletContainerInitializerInfo(
                TracingInitializer.class, new ImmediateInstanceFactory<>(new TracingInitializer()), Set.of()))
            .addServlet(Servlets.servlet("throwing", ThrowingServlet.class).addMappings("/sold-out", "/down", "/bug"))
            .addServlet(Servlets.servlet("error", ErrorPageServlet.class).addMapping("/error"))
            .addErrorPage(Servlets.errorPage("/error", SoldOutException.class))
            .addErrorPage(Servlets.errorPage("/error", MaintenanceException.class));
    manager = Servlets.newContainer().addDeployment(deployment);
    manager.deploy();
    server = Undertow.builder()
        .addHttpListener(0, "127.0.0.1")
        .setHandler(Handlers.path().addPrefixPath("/shop", manager.start()))
        .build();
    server.start();
    int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    base = URI.create("http://127.0.0.1:" + port + "/shop/");
  }

  @AfterAll
  void undeploy() throws Exception {
    if (server != null) {
      manager.stop();
      manager.undeploy();
      server.stop();
    }
  }

  @Test
  void anErrorPageThatAnswersAClientStatusHandledTheException() throws Exception {
    assertThat(get("sold-out")).isEqualTo(409);
    RecordedSpan span = serverSpan("/shop/sold-out");
    assertThat(span.attributes()).containsEntry("http.response.status_code", 409L).doesNotContainKey("error.type");
    assertThat(span.error()).isFalse();
    assertThat(span.events()).noneMatch(e -> e.name().equals("exception"));
  }

  @Test
  void anErrorPageThatAnswersAServerStatusKeepsTheException() throws Exception {
    assertThat(get("down")).isEqualTo(503);
    RecordedSpan span = serverSpan("/shop/down");
    assertThat(span.attributes())
        .containsEntry("http.response.status_code", 503L)
        .containsEntry("error.type", MaintenanceException.class.getName());
    assertThat(span.error()).isTrue();
    assertThat(span.events()).anyMatch(e -> e.name().equals("exception")
        && "back at noon".equals(e.attributes().get("exception.message")));
  }

  @Test
  void withoutAnErrorPageTheContainersOwn500IsReported() throws Exception {
    assertThat(get("bug")).isEqualTo(500);
    RecordedSpan span = serverSpan("/shop/bug");
    assertThat(span.attributes())
        .containsEntry("http.response.status_code", 500L)
        .containsEntry("error.type", IllegalStateException.class.getName());
    assertThat(span.error()).isTrue();
  }

  private int get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private RecordedSpan serverSpan(String path) {
    List<RecordedSpan> spans = SpanSource.inMemory()
        .await(s -> s.isServer() && path.equals(s.attribute("url.path")), 1);
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }
}
