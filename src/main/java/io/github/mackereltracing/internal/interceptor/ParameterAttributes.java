package io.github.mackereltracing.internal.interceptor;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a method's {@code @SpanAttribute} parameters into span attributes. The attribute's type follows the
 * parameter's declared type, worked out once: {@code String}; {@code boolean}; integral numbers as long;
 * {@code float}/{@code double} as double; arrays and {@code Iterable}s of those as arrays; anything else as
 * its {@code toString()}. A null argument adds no attribute.
 */
final class ParameterAttributes {
  private static final Logger LOG = Logger.getLogger(ParameterAttributes.class.getName());

  /** Sets one parameter's attribute from a non-null argument. */
  @FunctionalInterface
  interface Setter {
    void set(SpanBuilder span, Object argument);
  }

  private final int[] positions;
  private final Setter[] setters;

  private ParameterAttributes(int[] positions, Setter[] setters) {
    this.positions = positions;
    this.setters = setters;
  }

  /**
   * The attributes of {@code method}; null when none of its parameters is annotated.
   *
   * @param annotations the {@code @SpanAttribute} of each parameter, null where there is none
   */
  static ParameterAttributes of(Method method, SpanAttribute[] annotations) {
    Parameter[] parameters = method.getParameters();
    List<Integer> positions = new ArrayList<>();
    List<Setter> setters = new ArrayList<>();
    for (int i = 0; i < annotations.length && i < parameters.length; i++) {
      SpanAttribute annotation = annotations[i];
      if (annotation == null) {
        continue;
      }
      String name = annotation.value();
      if (name.isBlank()) {
        if (!parameters[i].isNamePresent()) {
          // Without -parameters the class file has no names, only arg0, arg1: an attribute named so would
          // mislead. Once per method and deployment, since this runs once.
          LOG.warning("Mackerel tracing: @SpanAttribute on parameter " + i + " of "
              + method.getDeclaringClass().getName() + "." + method.getName() + " is skipped: it has no name,"
              + " and the class was compiled without -parameters. Write @SpanAttribute(\"name\") or compile"
              + " with -parameters.");
          continue;
        }
        name = parameters[i].getName();
      }
      positions.add(i);
      setters.add(setterFor(name, parameters[i].getParameterizedType()));
    }
    if (positions.isEmpty()) {
      return null;
    }
    return new ParameterAttributes(
        positions.stream().mapToInt(Integer::intValue).toArray(), setters.toArray(new Setter[0]));
  }

  /** Adds the attributes of this call's arguments; a failing argument (its toString throws) is skipped. */
  void addTo(SpanBuilder span, Object[] arguments) {
    for (int i = 0; i < positions.length; i++) {
      Object argument = arguments[positions[i]];
      if (argument == null) {
        continue;
      }
      try {
        setters[i].set(span, argument);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Mackerel tracing: a @SpanAttribute argument could not be read", e);
      }
    }
  }

  static Setter setterFor(String name, Type type) {
    Class<?> raw = rawClass(type);
    if (raw == String.class) {
      AttributeKey<String> key = AttributeKey.stringKey(name);
      return (span, argument) -> span.setAttribute(key, (String) argument);
    }
    if (raw == boolean.class || raw == Boolean.class) {
      AttributeKey<Boolean> key = AttributeKey.booleanKey(name);
      return (span, argument) -> span.setAttribute(key, (Boolean) argument);
    }
    if (isIntegral(raw)) {
      AttributeKey<Long> key = AttributeKey.longKey(name);
      return (span, argument) -> span.setAttribute(key, ((Number) argument).longValue());
    }
    if (isFloating(raw)) {
      AttributeKey<Double> key = AttributeKey.doubleKey(name);
      return (span, argument) -> span.setAttribute(key, ((Number) argument).doubleValue());
    }
    if (raw.isArray()) {
      return arraySetter(name, raw.getComponentType());
    }
    if (Iterable.class.isAssignableFrom(raw)) {
      return iterableSetter(name, elementClass(type));
    }
    AttributeKey<String> key = AttributeKey.stringKey(name);
    return (span, argument) -> span.setAttribute(key, String.valueOf(argument));
  }

  private static Setter arraySetter(String name, Class<?> component) {
    if (component == char.class) {
      AttributeKey<String> key = AttributeKey.stringKey(name);
      return (span, argument) -> span.setAttribute(key, new String((char[]) argument));
    }
    if (component.isPrimitive()) {
      // Boxes the elements; java.lang.reflect.Array reads every primitive array type the same way.
      Setter asList = iterableSetter(name, boxed(component));
      return (span, argument) -> asList.set(span, primitiveElements(argument));
    }
    Setter asList = iterableSetter(name, component);
    return (span, argument) -> asList.set(span, Arrays.asList((Object[]) argument));
  }

  private static Setter iterableSetter(String name, Class<?> element) {
    if (element == Boolean.class) {
      AttributeKey<List<Boolean>> key = AttributeKey.booleanArrayKey(name);
      return (span, argument) -> span.setAttribute(key, elements((Iterable<?>) argument, e -> (Boolean) e));
    }
    if (isIntegral(element)) {
      AttributeKey<List<Long>> key = AttributeKey.longArrayKey(name);
      return (span, argument) ->
          span.setAttribute(key, elements((Iterable<?>) argument, e -> ((Number) e).longValue()));
    }
    if (isFloating(element)) {
      AttributeKey<List<Double>> key = AttributeKey.doubleArrayKey(name);
      return (span, argument) ->
          span.setAttribute(key, elements((Iterable<?>) argument, e -> ((Number) e).doubleValue()));
    }
    AttributeKey<List<String>> key = AttributeKey.stringArrayKey(name);
    return (span, argument) -> span.setAttribute(key, elements((Iterable<?>) argument, String::valueOf));
  }

  /** The non-null elements, converted; an attribute array holds no nulls. */
  private static <T> List<T> elements(Iterable<?> values, Function<Object, T> convert) {
    List<T> out = new ArrayList<>();
    for (Object value : values) {
      if (value != null) {
        out.add(convert.apply(value));
      }
    }
    return out;
  }

  private static List<Object> primitiveElements(Object array) {
    int length = Array.getLength(array);
    List<Object> out = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      out.add(Array.get(array, i));
    }
    return out;
  }

  private static boolean isIntegral(Class<?> type) {
    return type == long.class || type == Long.class || type == int.class || type == Integer.class
        || type == short.class || type == Short.class || type == byte.class || type == Byte.class;
  }

  private static boolean isFloating(Class<?> type) {
    return type == double.class || type == Double.class || type == float.class || type == Float.class;
  }

  private static Class<?> boxed(Class<?> primitive) {
    if (primitive == boolean.class) {
      return Boolean.class;
    }
    if (primitive == double.class || primitive == float.class) {
      return Double.class;
    }
    return Long.class;
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    if (type instanceof GenericArrayType a) {
      return Array.newInstance(rawClass(a.getGenericComponentType()), 0).getClass();
    }
    // A type variable or wildcard: only toString() is sure to work.
    return Object.class;
  }

  /** The element type of an {@code Iterable<E>} parameter when declared, else Object. */
  private static Class<?> elementClass(Type type) {
    if (type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
      return rawClass(p.getActualTypeArguments()[0]);
    }
    return Object.class;
  }
}
