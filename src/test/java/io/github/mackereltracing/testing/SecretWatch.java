package io.github.mackereltracing.testing;

import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The one assertion, shared by the whole test suite, that no API key ({@link TestKeys}) ever appears in what
 * a user or Mackerel would see: every java.util.logging record (root logger: the library's and everybody
 * else's), every exception that ends a test, and every span the test exporters receive
 * ({@link MemorySpanExporterProvider}, {@link OtlpReceiver} and the reliability tests' collector). What is
 * found is blamed on the test running at the time (or, for a span exported late on a background thread,
 * the next one): {@link SecretWatchExtension} (auto-detected by Jupiter, which also runs the Jazzer
 * fuzz tests) fails it.
 */
public final class SecretWatch {
  private static final List<String> FOUND = new ArrayList<>();
  private static final Handler HANDLER = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logRecord(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  static {
    Logger.getLogger("").addHandler(HANDLER);
  }

  private SecretWatch() {}

  /** Makes sure the log handler is installed (class initialisation does it). */
  static void install() {}

  static void logRecord(LogRecord record) {
    String text = record.getMessage();
    if (record.getParameters() != null) {
      for (Object parameter : record.getParameters()) {
        text += " " + parameter;
      }
    }
    if (contains(text)) {
      found("log line of " + record.getLoggerName() + ": " + text);
    }
    if (record.getThrown() != null) {
      throwable("exception logged by " + record.getLoggerName(), record.getThrown());
    }
  }

  /** Checks an exception and its causes, as a stack trace in a log would show them. */
  public static void throwable(String where, Throwable thrown) {
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    if (contains(trace.toString())) {
      found(where + ": " + thrown);
    }
  }

  /** Checks spans as an exporter received them: names, attributes, events, status, resource. */
  public static void spans(String where, Collection<SpanData> spans) {
    for (SpanData span : spans) {
      StringBuilder text = new StringBuilder(span.getName()).append(' ').append(span.getAttributes())
          .append(' ').append(span.getStatus().getDescription()).append(' ').append(span.getResource());
      for (EventData event : span.getEvents()) {
        text.append(' ').append(event.getName()).append(' ').append(event.getAttributes());
      }
      if (contains(text)) {
        found(where + ": span " + span.getName() + " " + text);
      }
    }
  }

  /** Checks one piece of an exported span (a name, an attribute value) as received over the wire. */
  public static void spanText(String where, String text) {
    if (contains(text)) {
      found(where + ": " + text);
    }
  }

  private static boolean contains(CharSequence text) {
    return text != null && text.toString().contains(TestKeys.MARK);
  }

  private static void found(String what) {
    synchronized (FOUND) {
      if (FOUND.size() < 20) {
        FOUND.add(what);
      }
    }
  }

  /** What was found since the last call; clears it. */
  static List<String> takeFound() {
    synchronized (FOUND) {
      List<String> found = List.copyOf(FOUND);
      FOUND.clear();
      return found;
    }
  }

  /** The failure for what was found, or null. */
  static AssertionError failure(String test) {
    List<String> found = takeFound();
    if (found.isEmpty()) {
      return null;
    }
    return new AssertionError("An API key (" + TestKeys.MARK + ") leaked during " + test + ":\n  "
        + String.join("\n  ", found));
  }
}
