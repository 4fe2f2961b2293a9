package io.github.mackereltracing.internal.interceptor;

/**
 * Which annotation decides how a method is traced. A method may carry several (a class-level
 * {@code @Traced} and a method-level {@code @WithSpan}), so several of our interceptors may be called for
 * it: only the one of the deciding annotation makes the span, the others step aside.
 */
enum Binding {
  /** Excluded: {@code @Traced(false)} decides, or nothing asks for a span. */
  NONE,
  /** {@code io.github.mackereltracing.Traced}. */
  TRACED,
  /** {@code io.opentelemetry.instrumentation.annotations.WithSpan}. */
  WITH_SPAN,
  /** {@code org.eclipse.microprofile.opentracing.Traced}. */
  MICROPROFILE_TRACED,
  /** An EJB timeout method ({@code @Schedule}, {@code @Timeout}): {@link TimeoutInterceptor}. */
  TIMEOUT,
  /**
   * The container bound an interceptor for a reason the annotations we can see do not show (a binding
   * added by code, as {@code InterceptionFactory} does): whichever interceptor is called traces.
   */
  UNSEEN
}
