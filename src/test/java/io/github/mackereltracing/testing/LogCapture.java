package io.github.mackereltracing.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures what the library logs (java.util.logging), as a user would read it. */
public final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LogCapture(String loggerName) {
    logger = Logger.getLogger(loggerName);
    setLevel(Level.ALL);
    logger.addHandler(this);
  }

  /** Captures the library's logger, {@code io.github.mackereltracing}. */
  public static LogCapture library() {
    return new LogCapture("io.github.mackereltracing");
  }

  /** Captures a logger by name ("" for all of java.util.logging). */
  public static LogCapture of(String loggerName) {
    return new LogCapture(loggerName);
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  /** Every captured line, formatted with its level and any exception, as a log file would show it. */
  public List<String> lines() {
    return records.stream().map(LogCapture::format).toList();
  }

  public List<String> lines(Level atLeast) {
    return records.stream().filter(r -> r.getLevel().intValue() >= atLeast.intValue()).map(LogCapture::format).toList();
  }

  /** The lines logged at exactly {@code level}. */
  public List<String> linesAt(Level level) {
    return records.stream().filter(r -> r.getLevel().equals(level)).map(LogCapture::format).toList();
  }

  /** Everything captured in one string, messages and stack traces included. */
  public String all() {
    return String.join("\n", lines());
  }

  private static String format(LogRecord record) {
    String line = record.getLevel() + " " + record.getMessage();
    if (record.getThrown() != null) {
      java.io.StringWriter trace = new java.io.StringWriter();
      record.getThrown().printStackTrace(new java.io.PrintWriter(trace));
      line += "\n" + trace;
    }
    return line;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
