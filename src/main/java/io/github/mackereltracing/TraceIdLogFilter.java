package io.github.mackereltracing;

import io.github.mackereltracing.internal.logging.TraceIdsInLogs;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Adds the current span's ids to the {@code java.util.logging} records of a logger, for servers whose log
 * format has no MDC (Payara, Open Liberty): a record logged while a span is current gets the prefix {@code
 * [trace_id=<32 hex> span_id=<16 hex>] } in its message, which the server's log shows as it is. Records
 * logged outside any span, with tracing off, or with {@code mackerel.logs.trace-ids=false}, pass unchanged;
 * so do localized records (their message is a resource bundle key). It never rejects a record.
 *
 * <p>A {@code java.util.logging} filter applies to the records of the logger it is set on, not to those of
 * its children, so set it on each logger that should carry ids:
 *
 * <pre>{@code
 * private static final Logger LOG = TraceIdLogFilter.addTo(Logger.getLogger(Orders.class.getName()));
 * }</pre>
 *
 * <p>SLF4J (Logback, Log4j 2) and JBoss Logging need no filter: their MDC gets {@code trace_id} and {@code
 * span_id} by themselves.
 */
public final class TraceIdLogFilter implements Filter {
  private final Filter next;

  private TraceIdLogFilter(Filter next) {
    this.next = next;
  }

  /**
   * Sets the filter on {@code logger}, keeping a filter it already has (asked after ids are added); adding
   * it twice adds ids once.
   *
   * @param logger the logger whose records should carry the ids
   * @return {@code logger}
   */
  public static java.util.logging.Logger addTo(java.util.logging.Logger logger) {
    Filter current = logger.getFilter();
    if (!(current instanceof TraceIdLogFilter)) {
      logger.setFilter(new TraceIdLogFilter(current));
    }
    return logger;
  }

  /**
   * Adds the ids to {@code record}'s message when a span is current, then asks the filter that was there
   * before, if any.
   */
  @Override
  public boolean isLoggable(LogRecord record) {
    if (record.getResourceBundle() == null && record.getResourceBundleName() == null) {
      String prefix = TraceIdsInLogs.prefix();
      String message = record.getMessage();
      // Open Liberty asks a logger's filter twice for one record: the ids go in once.
      if (prefix != null && (message == null || !message.startsWith(prefix))) {
        record.setMessage(message == null ? prefix : prefix + message);
      }
    }
    return next == null || next.isLoggable(record);
  }
}
