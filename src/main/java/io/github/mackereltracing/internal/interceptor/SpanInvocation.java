package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.internal.runtime.SamplingShortcut;
import io.github.mackereltracing.internal.span.SpanPath;
import io.github.mackereltracing.internal.span.TelemetryFailures;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The annotations' side of {@link SpanPath}: decide, start, make current, call the method, record its
 * failure, end. Telemetry never fails the call: if the span cannot be made the method runs untraced, and whatever
 * the method throws reaches the caller as it was thrown.
 */
final class SpanInvocation {
  static final AttributeKey<String> CODE_FUNCTION_NAME = AttributeKey.stringKey("code.function.name");

  private SpanInvocation() {}

  static Object proceed(Tracer tracer, SamplingShortcut sampling, MethodTrace trace, InvocationContext invocation)
      throws Exception {
    Context parent = trace.inheritContext ? Context.current() : Context.root();
    if (sampling.drops(Span.fromContext(parent).getSpanContext())) {
      return invocation.proceed(); // the sampler would drop the span: don't build it
    }
    Span span = start(tracer, parent, trace, invocation);
    if (span == null) {
      return invocation.proceed();
    }
    // What span.makeCurrent() does, without reading the thread's context a second time when it was read
    // above (inheritContext: the parent is the current context).
    Context current = trace.inheritContext ? parent : Context.current();
    Object result;
    try (Scope ignored = current.with(span).makeCurrent()) {
      result = invocation.proceed();
    } catch (Throwable error) {
      SpanPath.fail(span, error, null);
      span.end();
      throw error; // the very exception: the catch only sees what proceed() may throw
    }
    if (trace.async && result != null) {
      endOnCompletion(span, (CompletionStage<?>) result);
    } else {
      span.end();
    }
    return result;
  }

  private static Span start(Tracer tracer, Context parent, MethodTrace trace, InvocationContext invocation) {
    try {
      SpanBuilder builder =
          tracer
              .spanBuilder(trace.spanName)
              .setSpanKind(trace.kind)
              .setAttribute(CODE_FUNCTION_NAME, trace.functionName);
      if (trace.inheritContext) {
        builder.setParent(parent); // read once, above; the SDK would read it again
      } else {
        builder.setNoParent();
      }
      ParameterAttributes parameterAttributes = trace.parameterAttributes;
      if (parameterAttributes != null) {
        parameterAttributes.addTo(builder, invocation.getParameters());
      }
      return builder.startSpan();
    } catch (RuntimeException | LinkageError e) {
      TelemetryFailures.report("starting the span of " + trace.functionName, e);
      return null;
    }
  }

  /**
   * Ends the span when the stage completes. The caller gets the stage the method returned, not a copy:
   * cancelling it, completing it, or casting it to the method's own CompletionStage type works as without
   * tracing. The span is not current in the stage's callbacks (they run on other threads).
   */
  private static void endOnCompletion(Span span, CompletionStage<?> stage) {
    try {
      stage.whenComplete(
          (value, error) -> {
            if (error != null) {
              SpanPath.fail(span, unwrap(error), null);
            }
            span.end();
          });
    } catch (RuntimeException e) {
      // A CompletionStage of the application's own making that refuses callbacks.
      span.end();
    }
  }

  /** A stage derived from a failed one reports the failure wrapped; Mackerel should group by the cause. */
  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }
}
