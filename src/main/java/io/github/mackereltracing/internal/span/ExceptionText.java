package io.github.mackereltracing.internal.span;

import jakarta.annotation.Nullable;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The text of an exception as a span may carry it, whatever made the span (a statement, a request, a
 * {@code @Traced} method): messages carry values (an e-mail address in JPA's {@code Duplicate entry
 * '...'}, a token in a URL's query string). Drivers quote the statement in their messages, literals
 * included (H2, in double quotes; MySQL), or the values at fault (PostgreSQL's {@code Key (email)=(...)}),
 * in the statement's own quoting, which no single rule can undo. So a message is kept only up to its first
 * quote ({@code ' " `}), dollar sign, {@code =(} or line break, every number in it masked: {@code Duplicate
 * entry …}, {@code Function …}, {@code Data conversion error converting …}; a URL's query string is cut too
 * ({@code /shop/api/x?…}). The SQLSTATE or vendor code is in
 * {@code db.response.status_code}, the statement in {@code db.query.text}. Stack traces keep their frames;
 * their messages are cut the same way. Bounded: at most {@link #MAX_FRAMES} frames per exception and {@link
 * #MAX_CAUSES} causes.
 */
public final class ExceptionText {
  static final int MAX_FRAMES = 64;
  static final int MAX_CAUSES = 8;
  public static final ExceptionText INSTANCE = new ExceptionText();

  private ExceptionText() {}

  /** The message up to where values may start, numbers masked; "" for none. */
  public String message(@Nullable String message) {
    if (message == null || message.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(message.length(), 200));
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      boolean valuesStart = c == '\'' || c == '"' || c == '`' || c == '$' || c == '\n' || c == '\r'
          || (c == '(' && i > 0 && message.charAt(i - 1) == '=')
          // a query string (a URL's ?name=value): never a question mark at the end of a sentence
          || (c == '?' && i + 1 < message.length() && !Character.isWhitespace(message.charAt(i + 1)));
      if (valuesStart || out.length() >= 200) {
        out.append('\u2026');
        break;
      }
      if (c >= '0' && c <= '9') {
        if (out.length() == 0 || out.charAt(out.length() - 1) != '?') {
          out.append('?');
        }
        continue;
      }
      out.append(c);
    }
    return out.toString().strip();
  }

  /** A stack trace as printStackTrace writes it, each message masked. */
  public String stackTrace(Throwable error) {
    StringBuilder out = new StringBuilder();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Throwable t = error;
    for (int depth = 0; t != null && depth <= MAX_CAUSES && seen.put(t, Boolean.TRUE) == null; depth++) {
      if (depth > 0) {
        out.append("Caused by: ");
      }
      out.append(t.getClass().getName());
      String message = message(t.getMessage());
      if (!message.isEmpty()) {
        out.append(": ").append(message);
      }
      out.append('\n');
      StackTraceElement[] frames = t.getStackTrace();
      int shown = Math.min(frames.length, MAX_FRAMES);
      for (int i = 0; i < shown; i++) {
        out.append("\tat ").append(frames[i]).append('\n');
      }
      if (frames.length > shown) {
        out.append("\t... ").append(frames.length - shown).append(" more\n");
      }
      t = t.getCause();
    }
    return out.toString();
  }
}
