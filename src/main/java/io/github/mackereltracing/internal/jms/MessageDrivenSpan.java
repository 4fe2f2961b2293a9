package io.github.mackereltracing.internal.jms;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds {@link MessageDrivenInterceptor}; {@link MessagingExtension} puts it on the {@code onMessage} method
 * of each message-driven bean. Not for applications.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface MessageDrivenSpan {
  /** The binding, to add to a method. */
  final class Literal extends AnnotationLiteral<MessageDrivenSpan> implements MessageDrivenSpan {
    private static final long serialVersionUID = 1L;
    static final Literal INSTANCE = new Literal();
  }
}
