package io.github.mackereltracing.internal.interceptor;

import java.lang.annotation.Annotation;
import org.eclipse.microprofile.opentracing.Traced;

/**
 * MicroProfile OpenTracing's {@code @Traced}, which an application may still carry. Only touched once
 * {@link #visibleTo} said the annotation is there: the API is not a dependency of this library.
 */
final class MicroProfileTraced {
  static final String NAME = "org.eclipse.microprofile.opentracing.Traced";

  private MicroProfileTraced() {}

  /**
   * Whether the deployment has MicroProfile OpenTracing's API, as the same class this library sees: an
   * interceptor bound to another copy of the annotation would never be called.
   */
  static boolean visibleTo(ClassLoader deploymentLoader) {
    try {
      Class<?> ours = Class.forName(NAME, false, MicroProfileTraced.class.getClassLoader());
      return ours == Class.forName(NAME, false, deploymentLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static Class<? extends Annotation> type() {
    return Traced.class;
  }

  static boolean value(Annotation traced) {
    return ((Traced) traced).value();
  }

  static String operationName(Annotation traced) {
    return ((Traced) traced).operationName();
  }
}
