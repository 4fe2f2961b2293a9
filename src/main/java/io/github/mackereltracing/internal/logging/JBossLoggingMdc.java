package io.github.mackereltracing.internal.logging;

import jakarta.annotation.Nullable;
import org.jboss.logging.MDC;

/**
 * JBoss Logging's MDC, which WildFly gives every deployment: it is JBoss LogManager's, so {@code %X{trace_id}}
 * in a pattern of the server's logging subsystem prints it.
 */
final class JBossLoggingMdc implements MdcTarget {
  @Override
  @Nullable
  public String get(String key) {
    Object value = MDC.get(key);
    return value == null ? null : value.toString();
  }

  @Override
  public void set(String key, @Nullable String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
