package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.internal.interceptor.TraceRules.ClassLevel;
import io.github.mackereltracing.internal.interceptor.TraceRules.Stereotypes;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import jakarta.annotation.Nullable;
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
  private static final Logger LOG = Logger.getLogger(BeanMethods.class.getName());
  private static final int SEEN_SIZE = 32; // a power of two
  private static final int MAX_REMEMBERED = 1024;

  private final Class<?> beanClass;
  /** Null when the class says nothing. */
  @Nullable private final ClassLevel classLevel;
  private final boolean microProfile;
  private final Map<Method, MethodTrace> traces = new ConcurrentHashMap<>();
  /**
   * The traces last found, by the identity of the Method object the container passes (Weld passes the same
   * one on every call, but not the one {@link #traces} was filled with, so a look-up there compares
   * declaring class, name, return and parameter types): direct-mapped by identity hash, a fixed size,
   * entries replaced on collision, at most {@link #MAX_REMEMBERED} written. Written without a lock: an entry is immutable, so a thread sees none,
   * an older one, or a complete one, and looks the method up in {@link #traces} in the first two cases.
   */
  private final Seen[] seen = new Seen[SEEN_SIZE];
  private int remembered;

  /** One Method object, as the container passes it, and its trace. */
  private static final class Seen {
    final Method method;
    final MethodTrace trace;

    Seen(Method method, MethodTrace trace) {
      this.method = method;
      this.trace = trace;
    }
  }

  private BeanMethods(Class<?> beanClass, ClassLevel classLevel, boolean microProfile) {
    this.beanClass = beanClass;
    this.classLevel = classLevel;
    this.microProfile = microProfile;
  }

  /**
   * The trace of a method: on every call after the first, an identity comparison with the entry of its
   * slot; else one map read.
   */
  MethodTrace get(Method method) {
    int slot = System.identityHashCode(method) & (SEEN_SIZE - 1);
    Seen last = seen[slot];
    if (last != null && last.method == method) {
      return last.trace;
    }
    MethodTrace trace = traces.get(method);
    if (trace == null) {
      trace = traces.computeIfAbsent(method, this::fromDeclaration);
    }
    // Bounded: a container that passed a new Method object on every call, or two hot methods that share a
    // slot, would otherwise allocate an entry per call. Then the map read alone stays, as without entries.
    if (remembered < MAX_REMEMBERED) {
      remembered++; // a lost update between threads only lets a few more entries in
      seen[slot] = new Seen(method, trace);
    }
    return trace;
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
