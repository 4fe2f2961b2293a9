package io.github.mackereltracing.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.TraceIdLogFilter;
import io.github.mackereltracing.testing.MemorySpanExporterProvider;
import io.github.mackereltracing.testing.TestDeployment;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * A deployment's setting decides, the java.util.logging filter adds the ids a Payara or Liberty log shows,
 * and a server without SLF4J or JBoss Logging never links their classes.
 */
class TraceIdsInLogsTest {
  private static Map<String, String> tracing(String traceIds) {
    return Map.of(
        "otel.sdk.disabled", "false",
        "otel.traces.exporter", MemorySpanExporterProvider.NAME,
        "otel.metrics.exporter", "none",
        "otel.logs.exporter", "none",
        "mackerel.host-id-file", "/nonexistent/mackerel-id",
        "mackerel.logs.trace-ids", traceIds);
  }

  /** What a Payara or Liberty log handler receives from a logger the filter was added to. */
  private static List<String> julMessages(TestDeployment deployment) throws Exception {
    List<String> messages = new ArrayList<>();
    Logger logger = TraceIdLogFilter.addTo(TraceIdLogFilter.addTo(Logger.getLogger("jul-ids-" + deployment)));
    logger.setUseParentHandlers(false);
    logger.addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        messages.add(record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
    deployment.call(() -> {
      deployment.tracing().startNow();
      Span span = deployment.tracing().telemetry().tracer().spanBuilder("work").startSpan();
      try (Scope scope = span.makeCurrent()) {
        // As Open Liberty does: the logger's filter asked twice for one record.
        LogRecord record = new LogRecord(Level.INFO, "inside {0}");
        if (logger.getFilter().isLoggable(record)) {
          logger.log(record);
        }
        SpanContext ids = span.getSpanContext();
        messages.add("expected [trace_id=" + ids.getTraceId() + " span_id=" + ids.getSpanId() + "] inside {0}");
      } finally {
        span.end();
      }
      logger.log(Level.INFO, "outside");
      return null;
    });
    return messages;
  }

  @Test
  void theJulFilterPrefixesRecordsLoggedInsideASpan() throws Exception {
    try (TestDeployment deployment = TestDeployment.create("jul-on", tracing("true"))) {
      List<String> messages = julMessages(deployment);
      assertThat(messages).hasSize(3);
      assertThat("expected " + messages.get(0)).isEqualTo(messages.get(1));
      assertThat(messages.get(2)).isEqualTo("outside");
    }
  }

  @Test
  void theSettingOffLeavesJulRecordsAlone() throws Exception {
    try (TestDeployment deployment = TestDeployment.create("jul-off", tracing("false"))) {
      assertThat(julMessages(deployment)).element(0).isEqualTo("inside {0}");
    }
  }

  /** The wrapper as the installer makes it (setting unknown) asks the deployment once, at the first span. */
  @Test
  void theMdcWrapperFollowsTheDeploymentsSetting() throws Exception {
    for (String setting : List.of("true", "false")) {
      try (TestDeployment deployment = TestDeployment.create("mdc-" + setting, tracing(setting))) {
        IdsInMdcStorage storage =
            new IdsInMdcStorage(ContextStorage.defaultStorage(), new MdcTarget[] {Slf4jMdc.target()}, null);
        String seen = deployment.call(() -> {
          deployment.tracing().startNow();
          Span span = deployment.tracing().telemetry().tracer().spanBuilder("work").startSpan();
          try (Scope scope = storage.attach(io.opentelemetry.context.Context.root().with(span))) {
            return String.valueOf(MDC.get("trace_id"));
          } finally {
            span.end();
          }
        });
        assertThat(seen).isEqualTo(setting.equals("true") ? deploymentTraceIdOr(seen) : "null");
        assertThat(MDC.get("trace_id")).isNull();
      }
    }
  }

  private static String deploymentTraceIdOr(String seen) {
    assertThat(seen).matches("[0-9a-f]{32}");
    return seen;
  }

  @Test
  void withoutSlf4jOrJBossLoggingNothingOfThemIsLinked() throws Exception {
    String pkg = TraceIdsInLogs.class.getPackageName() + ".";
    URL classes = TraceIdsInLogs.class.getProtectionDomain().getCodeSource().getLocation();
    ClassLoader withoutLogging = new ClassLoader(getClass().getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("org.slf4j.") || name.startsWith("org.jboss.logging.")) {
          throw new ClassNotFoundException(name);
        }
        return super.loadClass(name, resolve);
      }
    };
    try (URLClassLoader library = new URLClassLoader(new URL[] {classes}, withoutLogging) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
          if (name.startsWith(pkg)) {
            Class<?> loaded = findLoadedClass(name);
            return loaded != null ? loaded : findClass(name);
          }
          return super.loadClass(name, resolve);
        }
      }
    }) {
      for (String name : List.of("TraceIdsInLogs", "IdsInMdcStorage", "MdcTarget")) {
        Class.forName(pkg + name, true, library); // links and verifies every method
      }
      Method visible = library.loadClass(pkg + "TraceIdsInLogs").getDeclaredMethod("visibleTargets", ClassLoader.class);
      visible.setAccessible(true);
      assertThat((Object[]) visible.invoke(null, library)).isEmpty();
    }
  }
}
