package io.github.mackereltracing.internal.span;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reports a failure of the tracing code itself (never the application's): the first at WARNING with its
 * stack trace, later ones at FINE only, so that a broken span path cannot flood the server log at request
 * rate. The request, statement or method always goes on untraced.
 */
public final class TelemetryFailures {
  private static final Logger LOG = Logger.getLogger(TelemetryFailures.class.getName());
  private static volatile boolean reported;

  private TelemetryFailures() {}

  public static void report(String what, Throwable failure) {
    if (!reported) {
      reported = true;
      LOG.log(Level.WARNING, "Mackerel tracing: " + what + " failed; the request goes on untraced"
          + " (further failures are logged at FINE)", failure);
    } else if (LOG.isLoggable(Level.FINE)) {
      LOG.log(Level.FINE, "Mackerel tracing: " + what + " failed", failure);
    }
  }
}
