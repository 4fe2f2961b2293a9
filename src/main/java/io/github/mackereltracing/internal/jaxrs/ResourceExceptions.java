package io.github.mackereltracing.internal.jaxrs;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds {@link ResourceExceptionInterceptor} to a JAX-RS resource method. Never written by users:
 * {@link ResourceExceptionExtension} adds it to the resource methods of CDI beans.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ResourceExceptions {
  /** The annotation instance the extension adds. */
  final class Literal extends jakarta.enterprise.util.AnnotationLiteral<ResourceExceptions>
      implements ResourceExceptions {
    static final Literal INSTANCE = new Literal();
    private static final long serialVersionUID = 1L;
  }
}
