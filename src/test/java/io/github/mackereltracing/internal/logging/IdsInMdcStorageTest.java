package io.github.mackereltracing.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The MDC follows the current span through a real Logback (SLF4J's provider here) and JBoss LogManager's
 * pattern formatter: ids while a span is current, exactly what was there before once its scope closes.
 */
class IdsInMdcStorageTest {
  private static final String TRACE_A = "0af7651916cd43dd8448eb211c80319c";
  private static final String SPAN_A = "b7ad6b7169203331";
  private static final String TRACE_B = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_B = "00f067aa0ba902b7";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private OutputStreamAppender<ILoggingEvent> appender;
  private org.slf4j.Logger log;

  @BeforeEach
  void logToMemory() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("trace_id=%X{trace_id} span_id=%X{span_id} %msg%n");
    encoder.start();
    appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    ch.qos.logback.classic.Logger logger = context.getLogger("mdc-test");
    logger.setAdditive(false);
    logger.setLevel(ch.qos.logback.classic.Level.INFO);
    logger.addAppender(appender);
    log = logger;
  }

  @AfterEach
  void stopLogging() {
    ((ch.qos.logback.classic.Logger) log).detachAppender(appender);
    appender.stop();
    MDC.clear();
  }

  private String[] lines() {
    return out.toString(StandardCharsets.UTF_8).split("\n");
  }

  private static IdsInMdcStorage storage(MdcTarget... targets) {
    return new IdsInMdcStorage(ContextStorage.defaultStorage(), targets, true);
  }

  private static Context spanContext(String traceId, String spanId) {
    return Context.root().with(Span.wrap(
        SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault())));
  }

  @Test
  void nestedSpansShowTheirOwnIdsAndLeaveNothingBehind() {
    IdsInMdcStorage storage = storage(Slf4jMdc.target());
    log.info("before");
    try (Scope outer = storage.attach(spanContext(TRACE_A, SPAN_A))) {
      log.info("outer");
      try (Scope inner = storage.attach(spanContext(TRACE_A, SPAN_B))) {
        log.info("inner");
      }
      log.info("outer again");
    }
    log.info("after");
    assertThat(lines()).containsExactly(
        "trace_id= span_id= before",
        "trace_id=" + TRACE_A + " span_id=" + SPAN_A + " outer",
        "trace_id=" + TRACE_A + " span_id=" + SPAN_B + " inner",
        "trace_id=" + TRACE_A + " span_id=" + SPAN_A + " outer again",
        "trace_id= span_id= after");
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void whatTheMdcHeldBeforeComesBackExactly() {
    IdsInMdcStorage storage = storage(Slf4jMdc.target());
    MDC.put("trace_id", "set-by-the-application");
    MDC.put("user", "u-1");
    try (Scope scope = storage.attach(spanContext(TRACE_A, SPAN_A))) {
      assertThat(MDC.get("trace_id")).isEqualTo(TRACE_A);
      assertThat(MDC.get("user")).isEqualTo("u-1");
    }
    assertThat(MDC.get("trace_id")).isEqualTo("set-by-the-application");
    assertThat(MDC.get("span_id")).isNull();
    assertThat(MDC.get("user")).isEqualTo("u-1");
  }

  @Test
  void aContextWithoutSpanClearsTheIdsForItsScope() {
    IdsInMdcStorage storage = storage(Slf4jMdc.target());
    try (Scope request = storage.attach(spanContext(TRACE_A, SPAN_A))) {
      try (Scope cleared = storage.attach(Context.root())) {
        log.info("cleared");
      }
      log.info("request");
    }
    assertThat(lines()).containsExactly(
        "trace_id= span_id= cleared", "trace_id=" + TRACE_A + " span_id=" + SPAN_A + " request");
  }

  @Test
  void aPooledThreadLogsNoIdsOfTheRequestItServedBefore() throws Exception {
    IdsInMdcStorage storage = storage(Slf4jMdc.target());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      pool.submit(() -> {
        try (Scope scope = storage.attach(spanContext(TRACE_A, SPAN_A))) {
          log.info("request 1");
        }
      }).get();
      pool.submit(() -> log.info("later work")).get();
    } finally {
      pool.shutdown();
    }
    assertThat(lines()).containsExactly(
        "trace_id=" + TRACE_A + " span_id=" + SPAN_A + " request 1", "trace_id= span_id= later work");
  }

  /** On WildFly SLF4J's MDC and JBoss Logging's are one map; here both reach Logback's. */
  @Test
  void twoTargetsSharingOneMapAreRestoredInReverse() {
    IdsInMdcStorage storage = storage(Slf4jMdc.target(), JBossLoggingMdc.target());
    MDC.put("trace_id", "earlier");
    try (Scope outer = storage.attach(spanContext(TRACE_A, SPAN_A))) {
      try (Scope inner = storage.attach(spanContext(TRACE_B, SPAN_B))) {
        assertThat(org.jboss.logging.MDC.get("trace_id")).isEqualTo(TRACE_B);
        log.info("inner");
      }
      assertThat(MDC.get("trace_id")).isEqualTo(TRACE_A);
    }
    assertThat(MDC.get("trace_id")).isEqualTo("earlier");
    assertThat(MDC.get("span_id")).isNull();
  }

  @Test
  void offWritesNothing() {
    IdsInMdcStorage storage = new IdsInMdcStorage(ContextStorage.defaultStorage(), new MdcTarget[] {Slf4jMdc.target()}, false);
    try (Scope scope = storage.attach(spanContext(TRACE_A, SPAN_A))) {
      log.info("off");
    }
    assertThat(lines()).containsExactly("trace_id= span_id= off");
  }

  /** The pattern of WildFly's logging subsystem, {@code %X{trace_id}}, read by JBoss LogManager's formatter. */
  @Test
  void jbossLogManagerPatternPrintsTheIds() {
    MdcTarget logManager = new MdcTarget(
        org.jboss.logmanager.MDC::get, org.jboss.logmanager.MDC::put, org.jboss.logmanager.MDC::remove);
    PatternFormatter formatter = new PatternFormatter("trace_id=%X{trace_id} span_id=%X{span_id} %s");
    IdsInMdcStorage storage = storage(logManager);
    String inside;
    try (Scope scope = storage.attach(spanContext(TRACE_A, SPAN_A))) {
      inside = formatter.format(new ExtLogRecord(java.util.logging.Level.INFO, "inside", getClass().getName()));
    }
    String after = formatter.format(new ExtLogRecord(java.util.logging.Level.INFO, "after", getClass().getName()));
    assertThat(inside).isEqualTo("trace_id=" + TRACE_A + " span_id=" + SPAN_A + " inside");
    assertThat(after).isEqualTo("trace_id= span_id= after");
    assertThat(org.jboss.logmanager.MDC.copy()).isEmpty();
  }
}
