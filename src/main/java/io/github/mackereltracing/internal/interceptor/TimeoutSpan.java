package io.github.mackereltracing.internal.interceptor;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Internal: binds {@link TimeoutInterceptor} to an EJB's timeout methods. Never written by users: {@link
 * SpanAnnotationsExtension} adds it to the {@code @Schedule}, {@code @Schedules} and {@code @Timeout}
 * methods of session and message-driven beans.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface TimeoutSpan {
  /** The annotation as the extension adds it. */
  final class Literal extends AnnotationLiteral<TimeoutSpan> implements TimeoutSpan {
    private static final long serialVersionUID = 1L;
    static final Literal INSTANCE = new Literal();
  }
}
