package io.github.mackereltracing.internal.logging;

import java.util.Objects;
import org.jboss.logging.MDC;

/**
 * JBoss Logging's MDC, which WildFly gives every deployment: it is JBoss LogManager's, so {@code %X{trace_id}}
 * in a pattern of the server's logging subsystem prints it.
 */
final class JBossLoggingMdc {
  private JBossLoggingMdc() {}

  static MdcTarget target() {
    return new MdcTarget(key -> Objects.toString(MDC.get(key), null), MDC::put, MDC::remove);
  }
}
