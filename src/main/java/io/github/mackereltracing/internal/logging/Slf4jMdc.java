package io.github.mackereltracing.internal.logging;

import org.slf4j.MDC;

/**
 * SLF4J's MDC, which its providers hand on to the back end's own: Logback's, Log4j 2's {@code ThreadContext}
 * (through {@code log4j-slf4j2-impl}), JBoss LogManager's on WildFly.
 */
final class Slf4jMdc {
  private Slf4jMdc() {}

  static MdcTarget target() {
    return new MdcTarget(MDC::get, MDC::put, MDC::remove);
  }
}
