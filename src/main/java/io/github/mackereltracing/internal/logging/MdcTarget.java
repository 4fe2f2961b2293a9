package io.github.mackereltracing.internal.logging;

import jakarta.annotation.Nullable;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One logging API's MDC, as three of its static methods. Only the holders ({@link Slf4jMdc}, {@link
 * JBossLoggingMdc}) name that API's classes, and each is loaded only after {@link TraceIdsInLogs} found the
 * API visible to this library's class loader: a server without SLF4J (Payara, Open Liberty) never links
 * {@code Slf4jMdc}, and no {@code NoClassDefFoundError} can follow.
 */
final class MdcTarget {
  private final UnaryOperator<String> reader;
  private final BiConsumer<String, String> writer;
  private final Consumer<String> remover;

  MdcTarget(UnaryOperator<String> reader, BiConsumer<String, String> writer, Consumer<String> remover) {
    this.reader = reader;
    this.writer = writer;
    this.remover = remover;
  }

  /** The value under {@code key} now, or null. */
  @Nullable
  String get(String key) {
    return reader.apply(key);
  }

  /** Sets {@code key} to {@code value}, or removes it when {@code value} is null. */
  void set(String key, @Nullable String value) {
    if (value == null) {
      remover.accept(key);
    } else {
      writer.accept(key, value);
    }
  }
}
