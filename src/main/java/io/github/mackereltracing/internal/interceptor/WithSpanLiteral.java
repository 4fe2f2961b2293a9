package io.github.mackereltracing.internal.interceptor;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.util.AnnotationLiteral;

/** {@code @WithSpan} as a value, to bind {@link WithSpanInterceptor}; its members are non-binding. */
final class WithSpanLiteral extends AnnotationLiteral<WithSpan> implements WithSpan {
  private static final long serialVersionUID = 1L;
  static final WithSpanLiteral INSTANCE = new WithSpanLiteral();

  private WithSpanLiteral() {}

  @Override
  public String value() {
    return "";
  }

  @Override
  public SpanKind kind() {
    return SpanKind.INTERNAL;
  }

  @Override
  public boolean inheritContext() {
    return true;
  }
}
