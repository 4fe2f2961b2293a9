package io.github.mackereltracing.internal.span;

import io.github.mackereltracing.internal.runtime.SamplingShortcut;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import jakarta.annotation.Nullable;

/**
 * The one path every span of this library takes, whatever makes it (the servlet and JAX-RS filters, the
 * REST client filter, the {@code @Traced} interceptors, the JDBC wrappers): <b>decide</b> with cheap early
 * exits ({@link #parent}: no span the sampler would drop, no root span where the source makes none),
 * <b>start</b> with an explicit parent (the source builds its attributes and starts the span in one {@code
 * try}; a failure goes to {@link TelemetryFailures} and leaves null: the work runs untraced), make it
 * current where the source runs code inside it, and <b>end</b> on every outcome ({@link #call}, {@link #end}) with one way of recording a failure
 * ({@link #fail}: status, {@code error.type}, the {@code exception} event with its text masked). A source
 * adds only its attributes. Nothing here throws: a span that cannot be made leaves the work untraced.
 */
public final class SpanPath {
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
  private static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

  private SpanPath() {}

  /**
   * The parent of a span to be made in {@code context}, or null when no span is to be made: the sampler
   * would surely drop it, or it would be a root span and {@code roots} is false.
   */
  @Nullable
  public static Context parent(Context context, SamplingShortcut sampling, boolean roots) {
    SpanContext parent = Span.fromContext(context).getSpanContext();
    if (sampling.drops(parent)) {
      return null;
    }
    return roots || parent.isValid() ? context : null;
  }

  /** What a source adds to a failed span (a database's status code) and the {@code error.type} it names. */
  public interface FailureAttributes {
    /** Adds the source's attributes of {@code error} to {@code span}; returns its error.type, or null for the class name. */
    @Nullable
    String addTo(Span span, Throwable error);
  }

  /** The work a span covers, run by {@link #call}. */
  public interface Work<T, E extends Throwable> {
    T run() throws E;
  }

  /**
   * Runs {@code work} as the operation {@code span} covers (null: untraced), records its failure and ends the
   * span on every outcome; returns what the work returned and rethrows what it threw, the very object.
   */
  public static <T, E extends Throwable> T call(@Nullable Span span, Work<T, E> work, FailureAttributes failure)
      throws E {
    try {
      return work.run();
    } catch (Throwable error) {
      fail(span, error, failure);
      throw error;
    } finally {
      end(span);
    }
  }

  /**
   * The one routine that records a failed operation: {@code error.type} (what {@code source} names, else the
   * exception's class), the {@code exception} event with its message and stack trace masked ({@link
   * ExceptionText}: messages carry values, e-mail addresses, query strings), and status ERROR. A null span is
   * ignored; never throws.
   */
  public static void fail(@Nullable Span span, Throwable error, @Nullable FailureAttributes source) {
    if (span == null) {
      return;
    }
    try {
      String type = source != null ? source.addTo(span, error) : null;
      span.setAttribute(ERROR_TYPE, type != null ? type : error.getClass().getName());
      span.setStatus(StatusCode.ERROR);
      ExceptionText text = ExceptionText.INSTANCE;
      span.recordException(error, Attributes.of(
          EXCEPTION_MESSAGE, text.message(error.getMessage()),
          EXCEPTION_STACKTRACE, text.stackTrace(error)));
    } catch (RuntimeException | LinkageError e) {
      // The exception's own getMessage() or getStackTrace() threw: status and type stay, the event is lost.
      TelemetryFailures.report("recording a failure of type " + error.getClass().getName(), e);
    }
  }

  /** A failure without an exception (an HTTP status, a timeout): {@code error.type} and status ERROR. */
  public static void fail(Span span, String errorType) {
    span.setAttribute(ERROR_TYPE, errorType);
    span.setStatus(StatusCode.ERROR);
  }

  /** Ends a span; a null span is ignored. */
  public static void end(@Nullable Span span) {
    if (span != null) {
      span.end();
    }
  }
}
