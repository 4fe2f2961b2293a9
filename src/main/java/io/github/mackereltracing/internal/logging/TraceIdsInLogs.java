package io.github.mackereltracing.internal.logging;

import io.github.mackereltracing.internal.config.SdkSettings;
import io.github.mackereltracing.internal.config.Setting;
import io.github.mackereltracing.internal.runtime.ClassVisibility;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.github.mackereltracing.internal.runtime.Telemetry;
import io.github.mackereltracing.internal.span.TelemetryFailures;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.ContextStorage;
import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts the current span's {@code trace_id} and {@code span_id} into the MDC of the logging APIs the
 * deployment sees (SLF4J, JBoss Logging), so that a log line leads to its trace in Mackerel and back.
 *
 * <p>The one hook is OpenTelemetry's context storage ({@link ContextStorage#addWrapper}): every span source
 * of the library, the Jakarta Concurrency context provider and the application's own {@code makeCurrent()}
 * go through it, so no source writes the MDC itself. The wrapper must be added before the storage is first
 * used; OpenTelemetry's jars live in the WAR, so that is per deployment, at the start of the CDI container
 * or of the servlet context (whichever comes first), before any span can exist. Written only when the
 * deployment traces and {@code mackerel.logs.trace-ids} is not false.
 */
public final class TraceIdsInLogs {
  static final String TRACE_ID = "trace_id";
  static final String SPAN_ID = "span_id";
  private static final Logger LOG = Logger.getLogger(TraceIdsInLogs.class.getName());
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  /** The deployment's {@code mackerel.logs.trace-ids}, read once. */
  static final Telemetry.Feature<Boolean> FEATURE = TraceIdsInLogs::enabled;

  private TraceIdsInLogs() {}

  /**
   * Adds the storage wrapper, once per copy of the library, when a logging API with an MDC is visible to
   * it. Never throws: logging without ids is the worst outcome.
   */
  public static void install() {
    if (!INSTALLED.compareAndSet(false, true)) {
      return;
    }
    try {
      MdcTarget[] targets = visibleTargets(TraceIdsInLogs.class.getClassLoader());
      if (targets.length == 0) {
        LOG.fine("Mackerel tracing: no SLF4J or JBoss Logging visible, so no trace ids in an MDC");
        return;
      }
      ContextStorage.addWrapper(storage -> new IdsInMdcStorage(storage, targets, null));
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.FINE, "Mackerel tracing: no trace ids in the MDC", e);
    }
  }

  /** The MDCs {@code loader} sees; a class is linked only after its API was found. */
  static MdcTarget[] visibleTargets(ClassLoader loader) {
    List<MdcTarget> targets = new ArrayList<>(2);
    if (ClassVisibility.visible("org.slf4j.MDC", loader)) {
      targets.add(Slf4jMdc.target());
    }
    if (ClassVisibility.visible("org.jboss.logging.MDC", loader)) {
      targets.add(JBossLoggingMdc.target());
    }
    return targets.toArray(new MdcTarget[0]);
  }

  /**
   * {@code [trace_id=... span_id=...] } for the span that is current, or null: no span, tracing off for the
   * deployment, or the setting off. For {@code TraceIdLogFilter}; never throws.
   */
  @Nullable
  public static String prefix() {
    try {
      SpanContext ids = Span.current().getSpanContext();
      if (!ids.isValid()) {
        return null;
      }
      DeploymentTracing tracing = Deployments.current();
      Telemetry telemetry = tracing == null ? null : tracing.active();
      if (telemetry == null || !telemetry.feature(FEATURE)) {
        return null;
      }
      return "[" + TRACE_ID + "=" + ids.getTraceId() + " " + SPAN_ID + "=" + ids.getSpanId() + "] ";
    } catch (RuntimeException | LinkageError e) {
      TelemetryFailures.report("adding trace ids to a log record", e);
      return null;
    }
  }

  private static Boolean enabled(Telemetry telemetry) {
    SdkSettings settings = telemetry.settings();
    String value = settings == null ? Setting.LOGS_TRACE_IDS.defaultValue() : settings.get(Setting.LOGS_TRACE_IDS);
    return !"false".equalsIgnoreCase(value == null ? "" : value.strip());
  }
}
