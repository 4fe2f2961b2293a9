package io.github.mackereltracing.internal.logging;

import jakarta.annotation.Nullable;
import org.slf4j.MDC;

/**
 * SLF4J's MDC, which its providers hand on to the back end's own: Logback's, Log4j 2's {@code ThreadContext}
 * (through {@code log4j-slf4j2-impl}), JBoss LogManager's on WildFly.
 */
final class Slf4jMdc implements MdcTarget {
  @Override
  @Nullable
  public String get(String key) {
    return MDC.get(key);
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
