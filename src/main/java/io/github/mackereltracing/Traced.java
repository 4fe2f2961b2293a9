package io.github.mackereltracing;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a span for each call of a CDI bean's method, with the semantics MicroProfile OpenTracing's
 * {@code @Traced} had, so that migrating is a change of import.
 *
 * <ul>
 *   <li>On a class, every business method of the bean is traced. On a method, that method is. A method's
 *       own {@code @Traced} wins over its class's: {@code @Traced(false)} on a method of a traced class
 *       leaves that method out, and {@code @Traced} on a method of a {@code @Traced(false)} class puts it
 *       in.
 *   <li>The span is named by {@link #operationName()} when one is set: a method's own, else its class's
 *       (a class-level name applies to every method that does not set its own). Otherwise the name is
 *       {@code SimpleClassName.methodName} of the class that declares the method (a nested class keeps its
 *       {@code Outer$Inner} form, as the OpenTelemetry Java agent names it).
 *   <li>The span has kind {@code INTERNAL} and the attribute {@code code.function.name}, the method's fully
 *       qualified name ({@code com.example.OrderService.place}). Parameters annotated with OpenTelemetry's
 *       {@code @SpanAttribute} become attributes too.
 *   <li>While the method runs, its span is the current span: spans made inside it (nested {@code @Traced}
 *       calls, JDBC, outgoing HTTP, spans from an injected {@code Tracer}) are its children.
 *   <li>When the method throws, the span gets an {@code exception} event (type, message, stack trace),
 *       status ERROR and the attribute {@code error.type}; the exception reaches the caller unchanged.
 *   <li>When the method's declared return type is a {@link java.util.concurrent.CompletionStage} (such as
 *       {@link java.util.concurrent.CompletableFuture}), the span ends when the returned stage completes,
 *       with status ERROR when it completes exceptionally. The caller receives the very object the method
 *       returned.
 * </ul>
 *
 * <p>Being a CDI interceptor binding, it has CDI's limits: only calls through a bean reference (an injected
 * bean, {@code CDI.current().select(...)}) are traced, not a method calling another method of the same
 * object ({@code this.other()}); private and static methods are never intercepted, and CDI refuses final
 * classes and annotated final methods; the class must be a CDI bean (a bean-defining annotation such as
 * {@code @ApplicationScoped}, or a bean archive with {@code bean-discovery-mode="all"}). The span encloses
 * the work of the other interceptors of the call, transactions and bean validation included. See
 * docs/annotations.md.
 *
 * <p>{@code @Traced} is {@link Inherited}: subclasses of a traced class are traced. It may be placed on a
 * stereotype.
 */
@Documented
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Traced {
  /**
   * Whether to trace; {@code false} excludes a method (or a class) from tracing.
   *
   * @return whether calls are traced; default true
   */
  @Nonbinding
  boolean value() default true;

  /**
   * The span name. Empty (the default) means the class-level name when the class sets one, otherwise
   * {@code SimpleClassName.methodName}.
   *
   * @return the span name, or empty for the default
   */
  @Nonbinding
  String operationName() default "";
}
