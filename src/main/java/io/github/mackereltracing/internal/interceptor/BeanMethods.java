package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.internal.interceptor.TraceRules.ClassLevel;
import io.github.mackereltracing.internal.interceptor.TraceRules.Stereotypes;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedParameter;
import jakarta.enterprise.inject.spi.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The traces of one bean class's methods. Filled at deployment from the container's view of the class
 * (which includes annotations that extensions added), and completed on first call, by reflection, for a
 * method the container intercepts that was not foreseen. Lives as long as the deployment's container.
 */
final class BeanMethods {
  private static final Logger LOG = Logger.getLogger("io.github.mackereltracing");

  private final Class<?> beanClass;
  private final ClassLevel classLevel; // null: the class says nothing
  private final boolean microProfile;
  private final Map<Method, MethodTrace> traces = new ConcurrentHashMap<>();

  private BeanMethods(Class<?> beanClass, ClassLevel classLevel, boolean microProfile) {
    this.beanClass = beanClass;
    this.classLevel = classLevel;
    this.microProfile = microProfile;
  }

  /** The trace of a method; one map read on every call after the first. */
  MethodTrace get(Method method) {
    MethodTrace trace = traces.get(method);
    return trace != null ? trace : traces.computeIfAbsent(method, this::fromDeclaration);
  }

  /**
   * The methods of a bean as the container sees its class; null when neither the class nor any method
   * carries a tracing annotation (the interceptors are then never called for it).
   */
  static BeanMethods of(AnnotatedType<?> type, Stereotypes stereotypes, boolean microProfile) {
    ClassLevel classLevel = TraceRules.classLevel(type.getAnnotations(), stereotypes, microProfile);
    BeanMethods methods = new BeanMethods(type.getJavaClass(), classLevel, microProfile);
    for (AnnotatedMethod<?> annotated : type.getMethods()) {
      Method method = annotated.getJavaMember();
      int modifiers = method.getModifiers();
      if (Modifier.isStatic(modifiers) || Modifier.isPrivate(modifiers)) {
        continue; // never intercepted
      }
      if (classLevel == null && !TraceRules.hasMethodLevel(annotated.getAnnotations(), microProfile)) {
        continue;
      }
      methods.traces.put(
          method,
          TraceRules.resolve(
              method, annotated.getAnnotations(), spanAttributes(annotated, method), classLevel, microProfile));
    }
    return classLevel == null && methods.traces.isEmpty() ? null : methods;
  }

  /** A bean class the container did not announce (an {@code InterceptionFactory} product): its class file. */
  static BeanMethods declaredBy(Class<?> beanClass, boolean microProfile) {
    ClassLevel classLevel = null;
    try {
      classLevel = TraceRules.classLevel(
          Arrays.asList(beanClass.getAnnotations()), TraceRules.DECLARED_STEREOTYPES, microProfile);
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.FINE, "Mackerel tracing: annotations of " + beanClass.getName() + " could not be read", e);
    }
    return new BeanMethods(beanClass, classLevel, microProfile);
  }

  private MethodTrace fromDeclaration(Method method) {
    try {
      // A producer's InterceptionFactory product is announced as the producer's bean: the producer
      // class's annotations say nothing about the product's methods.
      boolean ownMethod = method.getDeclaringClass().isAssignableFrom(beanClass);
      return TraceRules.resolve(
          method,
          Arrays.asList(method.getAnnotations()),
          TraceRules.declaredSpanAttributes(method),
          ownMethod ? classLevel : null,
          microProfile);
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.FINE, "Mackerel tracing: annotations of " + method + " could not be read", e);
      return MethodTrace.NOT_TRACED;
    }
  }

  private static SpanAttribute[] spanAttributes(AnnotatedMethod<?> annotated, Method method) {
    SpanAttribute[] out = new SpanAttribute[method.getParameterCount()];
    for (AnnotatedParameter<?> parameter : annotated.getParameters()) {
      if (parameter.getPosition() < out.length) {
        out[parameter.getPosition()] = parameter.getAnnotation(SpanAttribute.class);
      }
    }
    return out;
  }
}
