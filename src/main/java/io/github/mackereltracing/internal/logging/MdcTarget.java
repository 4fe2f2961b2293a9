package io.github.mackereltracing.internal.logging;

import jakarta.annotation.Nullable;

/**
 * One logging API's MDC. Implementations name that API's classes, so each is loaded only after {@link
 * TraceIdsInLogs} found the API visible to this library's class loader: a server without SLF4J (Payara,
 * Open Liberty) never links {@code Slf4jMdc}, and no {@code NoClassDefFoundError} can follow.
 */
interface MdcTarget {
  /** The value under {@code key} now, or null. */
  @Nullable
  String get(String key);

  /** Sets {@code key} to {@code value}, or removes it when {@code value} is null. */
  void set(String key, @Nullable String value);
}
