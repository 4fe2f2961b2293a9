package io.github.mackereltracing.internal.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fish.payara.standin.PayaraTelemetryStandIn;

import io.github.mackereltracing.MackerelTracing;
import io.github.mackereltracing.Traced;
import io.github.mackereltracing.internal.interceptor.SpanAnnotationsExtension;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.github.mackereltracing.testing.LogCapture;
import io.github.mackereltracing.testing.MemorySpanExporterProvider;
import io.github.mackereltracing.testing.TestKeys;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deployment on a server whose own MicroProfile Telemetry is there (its beans, of its own copy of the
 * OpenTelemetry API, as Open Liberty's mpTelemetry adds them). With {@code otel.sdk.disabled=false} the
 * server's SDK traces every request, so the library steps aside: no spans, one warning, and the deployment
 * still starts and serves. With only the Mackerel key the server's SDK stays off and the library traces.
 */
class ServerTelemetryOnTest {
  static final String KEY = TestKeys.key("server-telemetry");

  /** A server's telemetry beans: OpenTelemetry and Tracer of a copy of the API in another class loader. */
  public static final class ServerBeans implements Extension {
    static final ClassLoader SERVER_API = new URLClassLoader(
        new URL[] {jarOf(OpenTelemetry.class), jarOf(Context.class)}, ClassLoader.getPlatformClassLoader());

    void addBeans(@Observes AfterBeanDiscovery event) throws ClassNotFoundException {
      for (String type : List.of("io.opentelemetry.api.OpenTelemetry", "io.opentelemetry.api.trace.Tracer")) {
        Class<?> theirs = Class.forName(type, false, SERVER_API);
        event.addBean().types(theirs, Object.class).scope(Dependent.class).beanClass(ServerBeans.class)
            .createWith(context -> null);
      }
    }

    private static URL jarOf(Class<?> type) {
      return type.getProtectionDomain().getCodeSource().getLocation();
    }
  }

  @ApplicationScoped
  public static class Orders {
    @Inject Tracer tracer;
    @Inject OpenTelemetry openTelemetry;

    @Traced
    public String place() {
      return "placed";
    }

    /** Whether a span made with the injected Tracer records. */
    boolean manualSpanRecords() {
      Span span = tracer.spanBuilder("manual").startSpan();
      try {
        return span.isRecording();
      } finally {
        span.end();
      }
    }
  }

  private final Map<String, String> previous = new LinkedHashMap<>();

  @BeforeEach
  void clearSpans() {
    MemorySpanExporterProvider.SPANS.reset();
  }

  @AfterEach
  void restoreProperties() {
    previous.forEach((key, value) -> {
      if (value == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, value);
      }
    });
    releaseConfig();
  }

  @Test
  void switchedOnForTheServerTheLibraryStepsAsideWithOneWarning() {
    configure(Map.of("otel.sdk.disabled", "false", "mackerel.api-key", KEY));
    try (LogCapture log = LogCapture.library(); WeldContainer container = start(true)) {
      Orders orders = container.select(Orders.class).get();

      assertThat(orders.place()).isEqualTo("placed");
      assertThat(orders.manualSpanRecords()).isFalse();
      assertThat(MackerelTracing.openTelemetry()).isSameAs(OpenTelemetry.noop());
      assertThat(Deployments.current().steppedAside()).isTrue();
      assertThat(InMemoryTracing.finishedSpans()).isEmpty();

      assertThat(log.lines(Level.WARNING)).singleElement().asString()
          .contains("Mackerel tracing steps aside for deployment",
              "otel.sdk.disabled=false", ServerBeans.class.getName(),
              "remove otel.sdk.disabled=false and set MACKEREL_API_KEY",
              "otel.exporter.otlp.traces.endpoint=https://otlp-vaxila.mackerelio.com/v1/traces",
              "Mackerel-Api-Key=<your key>,Accept=*/*", "http/protobuf")
          .doesNotContain(KEY);
      assertThat(log.all()).doesNotContain(KEY).doesNotContain("Mackerel tracing is enabled");
    }
  }

  @Test
  void aProtocolOnlyTheServerTakesIsTheServersBusiness() {
    configure(Map.of("otel.sdk.disabled", "false", "otel.exporter.otlp.protocol", "grpc"));
    try (LogCapture log = LogCapture.library(); WeldContainer container = start(true)) {
      assertThat(container.select(Orders.class).get().place()).isEqualTo("placed");

      assertThat(log.lines(Level.WARNING)).singleElement().asString().contains("steps aside");
      assertThat(log.lines(Level.SEVERE)).isEmpty();
    }
  }

  @Test
  void withOnlyTheKeyTheServersSdkIsOffAndTheLibraryTraces() {
    configure(Map.of("mackerel.api-key", KEY));
    try (LogCapture log = LogCapture.library(); WeldContainer container = start(true)) {
      Orders orders = container.select(Orders.class).get();

      orders.place();
      assertThat(orders.manualSpanRecords()).isTrue();
      assertThat(InMemoryTracing.names(InMemoryTracing.finishedSpans())).contains("manual").anyMatch(n -> n.endsWith("place"));
      assertThat(Deployments.current().steppedAside()).isFalse();
      assertThat(log.lines(Level.WARNING)).isEmpty();
    }
  }

  @Test
  void withoutAServersBeansOtelSdkDisabledFalseTurnsTheLibraryOn() {
    configure(Map.of("otel.sdk.disabled", "false"));
    try (LogCapture log = LogCapture.library(); WeldContainer container = start(false)) {
      container.select(Orders.class).get().place();

      assertThat(InMemoryTracing.names(InMemoryTracing.finishedSpans())).anyMatch(n -> n.endsWith("place"));
      assertThat(log.all()).doesNotContain("steps aside");
    }
  }

  @Test
  void whereTheServerWillFailTheDeploymentTheLineComesFirstAndSaysWhy() {
    configure(Map.of("otel.sdk.disabled", "false", "mackerel.api-key", KEY));
    Weld weld = new Weld().disableDiscovery()
        .addExtensions(new TracingExtension(), new SpanAnnotationsExtension(), new PayaraTelemetryStandIn())
        .addBeanClasses(Orders.class);
    try (LogCapture log = LogCapture.library()) {
      assertThatThrownBy(weld::initialize).hasStackTraceContaining("not a subtype");

      assertThat(log.lines(Level.WARNING)).singleElement().asString()
          .startsWith("SEVERE Mackerel tracing steps aside for deployment")
          .contains("Payara's SDK is about to fail this deployment", "remove this library and the OpenTelemetry SDK jars",
              "remove otel.sdk.disabled=false and set MACKEREL_API_KEY")
          .doesNotContain(KEY);
      assertThat(log.linesAt(Level.SEVERE)).hasSize(1);
    }
  }

  private static WeldContainer start(boolean withServerBeans) {
    Weld weld = new Weld().disableDiscovery()
        .addExtensions(new TracingExtension(), new SpanAnnotationsExtension())
        .addBeanClasses(Orders.class);
    if (withServerBeans) {
      weld.addExtension(new ServerBeans());
    }
    return weld.initialize();
  }

  /** The deployment's settings, exporting to memory, as system properties for this test. */
  private void configure(Map<String, String> settings) {
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.put("otel.traces.exporter", MemorySpanExporterProvider.NAME);
    all.put("otel.metrics.exporter", "none");
    all.put("otel.logs.exporter", "none");
    all.put("otel.bsp.schedule.delay", "50");
    all.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
    releaseConfig();
  }

  private static void releaseConfig() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig(loader));
  }
}
