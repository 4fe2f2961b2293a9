package io.github.mackereltracing.internal.interceptor;

import io.opentelemetry.api.trace.SpanKind;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;

/** How calls of one method are traced: everything the interceptor needs, computed once. Immutable. */
final class MethodTrace {
  static final MethodTrace NOT_TRACED =
      new MethodTrace(Binding.NONE, "", SpanKind.INTERNAL, true, "", null, false);

  final Binding binding;
  final String spanName;
  final SpanKind kind;
  /** False for {@code @WithSpan(inheritContext = false)}: the span starts a new trace. */
  final boolean inheritContext;
  /** {@code code.function.name}: {@code com.example.Service.method}. */
  final String functionName;
  /** Null when no parameter is annotated with {@code @SpanAttribute}. */
  final ParameterAttributes parameterAttributes;
  /** The declared return type is a CompletionStage: the span ends when the stage completes. */
  final boolean async;

  private MethodTrace(
      Binding binding,
      String spanName,
      SpanKind kind,
      boolean inheritContext,
      String functionName,
      ParameterAttributes parameterAttributes,
      boolean async) {
    this.binding = binding;
    this.spanName = spanName;
    this.kind = kind;
    this.inheritContext = inheritContext;
    this.functionName = functionName;
    this.parameterAttributes = parameterAttributes;
    this.async = async;
  }

  static MethodTrace of(
      Binding binding,
      Method method,
      String spanName,
      SpanKind kind,
      boolean inheritContext,
      ParameterAttributes parameterAttributes) {
    return new MethodTrace(
        binding,
        spanName.isEmpty() ? defaultSpanName(method) : spanName,
        kind,
        inheritContext,
        method.getDeclaringClass().getName() + "." + method.getName(),
        parameterAttributes,
        CompletionStage.class.isAssignableFrom(method.getReturnType()));
  }

  /** Whether the interceptor of {@code interceptorBinding} makes the span for this method. */
  boolean tracedBy(Binding interceptorBinding) {
    return binding == interceptorBinding || binding == Binding.UNSEEN;
  }

  /**
   * {@code SimpleClassName.methodName}, as MicroProfile Telemetry (its TCK expects {@code SpanBean.spanChild}
   * for a bean nested in a test class) and the OpenTelemetry agent name {@code @WithSpan} spans: a nested
   * class is its own simple name ({@code Inner}); an anonymous class, whose simple name is empty, is its
   * binary name after the package ({@code Outer$1}).
   */
  static String defaultSpanName(Method method) {
    return simpleName(method.getDeclaringClass()) + "." + method.getName();
  }

  static String simpleName(Class<?> type) {
    String simple = type.getSimpleName();
    if (!simple.isEmpty()) {
      return simple;
    }
    String className = type.getName();
    return className.substring(className.lastIndexOf('.') + 1);
  }

  @Override
  public String toString() {
    return "MethodTrace{" + binding + " " + spanName + " " + kind + (async ? " async" : "") + "}";
  }
}
