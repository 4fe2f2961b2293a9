package io.github.mackereltracing.internal.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.servlet.TracingInitializer;
import io.github.mackereltracing.testing.LogCapture;
import io.github.mackereltracing.testing.OtlpReceiver;
import io.github.mackereltracing.testing.TestKeys;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.logging.Level;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * Payara's order: Weld boots when the application is loaded and fires {@code @Initialized(ApplicationScoped)}
 * with a plain Object (no ServletContext) before the web module starts; the deployment's class loader has no
 * name. The servlet initializer reports the context path and the web.xml parameters only afterwards, and the
 * SDK must be built with them, not as "jakarta-application" without settings.
 */
class CdiBeforeWebModuleTest {
  static final String KEY = TestKeys.key("cdi-before-web");

  /** The application's code: makes its span with the injected Tracer. */
  @ApplicationScoped
  static class Checkout {
    @Inject Tracer tracer;

    void checkout() {
      tracer.spanBuilder("checkout").startSpan().end();
    }
  }

  @Test
  void theSdkWaitsForTheServletContextWhenCdiStartsFirstWithoutIt() throws Exception {
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    // Like Payara's WebappClassLoader: a loader without a name.
    ClassLoader webapp = new URLClassLoader(new URL[0], previous);
    try (OtlpReceiver receiver = new OtlpReceiver(); LogCapture log = LogCapture.library()) {
      Thread.currentThread().setContextClassLoader(webapp);
      WeldContainer weld = new Weld().disableDiscovery().addBeanClass(Checkout.class).addExtension(new TracingExtension()).initialize();
      Server server = new Server();
      try {
        ServletContextHandler context = new ServletContextHandler("/shop");
        context.setClassLoader(webapp);
        context.setInitParameter("mackerel.api-key", KEY);
        context.setInitParameter("otel.exporter.otlp.traces.endpoint", receiver.tracesUrl());
        context.setInitParameter("otel.bsp.schedule.delay", "600000");
        context.addServletContainerInitializer(new TracingInitializer());
        server.setHandler(context);
        server.start();

        // Built at the context's start, before any use, with the context path and the web.xml settings.
        assertThat(log.lines(Level.INFO)).singleElement().asString().contains("enabled for deployment 'shop'");
        weld.select(Checkout.class).get().checkout();
      } finally {
        server.stop(); // the context's end flushes the spans
        weld.shutdown();
      }
      OtlpReceiver.ReceivedSpan checkout = receiver.awaitSpan(s -> s.name().equals("checkout"), Duration.ofSeconds(5));
      assertThat(checkout.resourceAttribute("service.name")).isEqualTo("shop");
      assertThat(log.all()).doesNotContain("jakarta-application");
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }
}
