package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.inject.Stereotype;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Which annotation decides whether and how a method is traced, with MicroProfile OpenTracing's rules: a
 * method's own annotation wins over its class's; {@code @Traced(false)} excludes; a class-level
 * {@code operationName} names every method that does not name itself; what a class says leaves out the
 * overrides of {@code Object}'s methods ({@code toString}, {@code equals}, {@code hashCode}, {@code clone},
 * {@code finalize}), which are traced only when annotated themselves. Among annotations on the same
 * element, {@code @WithSpan} comes first, then ours, then MicroProfile's. Runs at deployment (or once per
 * method), never per call.
 */
final class TraceRules {
  private TraceRules() {}

  /** What a class says for all its methods: found on the class itself (or inherited), else on a stereotype. */
  record ClassLevel(Binding binding, boolean traced, String operationName) {}

  /** A stereotype's annotations, or null when {@code type} is not a stereotype. */
  @FunctionalInterface
  interface Stereotypes {
    Collection<Annotation> definition(Class<? extends Annotation> type);
  }

  /** Stereotypes as the class files declare them (when the container's view is not at hand). */
  static final Stereotypes DECLARED_STEREOTYPES =
      type -> type.isAnnotationPresent(Stereotype.class) ? Arrays.asList(type.getAnnotations()) : null;

  /** The class-level decision, or null when neither the class nor its stereotypes carry {@code @Traced}. */
  static ClassLevel classLevel(
      Collection<Annotation> classAnnotations, Stereotypes stereotypes, boolean microProfile) {
    ClassLevel direct = direct(classAnnotations, microProfile);
    if (direct != null) {
      return direct;
    }
    // Breadth-first: a stereotype's own @Traced comes before one from a stereotype it includes.
    Deque<Collection<Annotation>> pending = new ArrayDeque<>();
    Set<Class<? extends Annotation>> seen = new HashSet<>();
    pending.add(classAnnotations);
    while (!pending.isEmpty()) {
      for (Annotation annotation : pending.poll()) {
        Class<? extends Annotation> type = annotation.annotationType();
        if (!seen.add(type)) {
          continue;
        }
        Collection<Annotation> definition = stereotypes.definition(type);
        if (definition == null) {
          continue;
        }
        ClassLevel found = direct(definition, microProfile);
        if (found != null) {
          return found;
        }
        pending.add(definition);
      }
    }
    return null;
  }

  private static ClassLevel direct(Collection<Annotation> annotations, boolean microProfile) {
    Traced traced = find(annotations, Traced.class);
    if (traced != null) {
      return new ClassLevel(Binding.TRACED, traced.value(), traced.operationName());
    }
    if (microProfile) {
      Annotation theirs = find(annotations, MicroProfileTraced.type());
      if (theirs != null) {
        return new ClassLevel(
            Binding.MICROPROFILE_TRACED,
            MicroProfileTraced.value(theirs),
            MicroProfileTraced.operationName(theirs));
      }
    }
    return null;
  }

  /** Whether a method's own annotations ask for (or refuse) a span. */
  static boolean hasMethodLevel(Collection<Annotation> methodAnnotations, boolean microProfile) {
    return find(methodAnnotations, WithSpan.class) != null
        || find(methodAnnotations, Traced.class) != null
        || (microProfile && find(methodAnnotations, MicroProfileTraced.type()) != null);
  }

  /**
   * How calls of {@code method} are traced.
   *
   * @param classLevel null when the class says nothing
   * @param parameterAnnotations each parameter's {@code @SpanAttribute}, null where there is none
   */
  static MethodTrace resolve(
      Method method,
      Collection<Annotation> methodAnnotations,
      SpanAttribute[] parameterAnnotations,
      ClassLevel classLevel,
      boolean microProfile) {
    WithSpan withSpan = find(methodAnnotations, WithSpan.class);
    if (withSpan != null) {
      return MethodTrace.of(
          Binding.WITH_SPAN,
          method,
          withSpan.value(),
          withSpan.kind(),
          withSpan.inheritContext(),
          ParameterAttributes.of(method, parameterAnnotations));
    }
    Traced traced = find(methodAnnotations, Traced.class);
    if (traced != null) {
      return traced(
          Binding.TRACED, method, traced.value(), traced.operationName(), classLevel, parameterAnnotations);
    }
    if (microProfile) {
      Annotation theirs = find(methodAnnotations, MicroProfileTraced.type());
      if (theirs != null) {
        return traced(
            Binding.MICROPROFILE_TRACED,
            method,
            MicroProfileTraced.value(theirs),
            MicroProfileTraced.operationName(theirs),
            classLevel,
            parameterAnnotations);
      }
    }
    if (overridesObjectMethod(method)) {
      // What a class says is meant for the work its methods do: a log line's toString() or a HashSet's
      // equals()/hashCode() making a span each would be noise, and Mackerel bills per span. Also when the
      // container intercepts one for a reason we cannot see (below), which is a class-level one in practice.
      return MethodTrace.NOT_TRACED;
    }
    if (classLevel != null) {
      return traced(classLevel.binding(), method, classLevel.traced(), "", classLevel, parameterAnnotations);
    }
    // The container intercepts this method, yet no annotation we can read says why.
    return MethodTrace.of(
        Binding.UNSEEN, method, "", SpanKind.INTERNAL, true, ParameterAttributes.of(method, parameterAnnotations));
  }

  private static MethodTrace traced(
      Binding binding,
      Method method,
      boolean value,
      String operationName,
      ClassLevel classLevel,
      SpanAttribute[] parameterAnnotations) {
    if (!value) {
      return MethodTrace.NOT_TRACED;
    }
    String name = operationName;
    if (name.isEmpty() && classLevel != null) {
      name = classLevel.operationName();
    }
    return MethodTrace.of(
        binding, method, name, SpanKind.INTERNAL, true, ParameterAttributes.of(method, parameterAnnotations));
  }

  /**
   * Whether {@code method} is one of {@code Object}'s overridable methods ({@code toString}, {@code equals},
   * {@code hashCode}, {@code clone}, {@code finalize}) or an override of one (a covariant {@code clone} too).
   */
  static boolean overridesObjectMethod(Method method) {
    return switch (method.getName()) {
      case "toString", "hashCode", "clone", "finalize" -> method.getParameterCount() == 0;
      case "equals" -> method.getParameterCount() == 1 && method.getParameterTypes()[0] == Object.class;
      default -> false;
    };
  }

  /** The {@code @SpanAttribute} of each parameter as the class file declares them. */
  static SpanAttribute[] declaredSpanAttributes(Method method) {
    Parameter[] parameters = method.getParameters();
    SpanAttribute[] out = new SpanAttribute[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      out[i] = parameters[i].getAnnotation(SpanAttribute.class);
    }
    return out;
  }

  static <A extends Annotation> A find(Collection<Annotation> annotations, Class<A> type) {
    for (Annotation annotation : annotations) {
      if (annotation.annotationType() == type) {
        return type.cast(annotation);
      }
    }
    return null;
  }
}
