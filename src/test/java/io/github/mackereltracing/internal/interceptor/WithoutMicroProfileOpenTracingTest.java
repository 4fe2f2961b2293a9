package io.github.mackereltracing.internal.interceptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MicroProfile OpenTracing's API is optional: the interceptor classes load, link and work out traces in a
 * class loader where it is missing, as in a WAR without it.
 */
class WithoutMicroProfileOpenTracingTest {
  static final String PACKAGE = SpanAnnotationsExtension.class.getPackageName() + ".";

  @Test
  void interceptorClassesWorkWhenTheApiIsMissing() throws Exception {
    try (URLClassLoader library = isolatedInterceptorPackage()) {
      for (String name : List.of("SpanAnnotationsExtension", "TracedInterceptor", "WithSpanInterceptor",
          "MicroProfileTracedInterceptor", "SpanInterceptor", "SpanInvocation", "TraceRules", "BeanMethods",
          "MethodTrace", "ParameterAttributes", "MicroProfileTraced")) {
        Class.forName(PACKAGE + name, true, library); // links and verifies every method
      }

      Method visibleTo = method(library, "MicroProfileTraced", "visibleTo", ClassLoader.class);
      assertThat(visibleTo.invoke(null, library)).isEqualTo(false);

      Object methods = method(library, "BeanMethods", "declaredBy", Class.class, boolean.class)
          .invoke(null, Inventory.class, false);
      Method get = method(library, "BeanMethods", "get", Method.class);
      Object trace = get.invoke(methods, Inventory.class.getMethod("count"));
      assertThat(trace.toString()).contains("TRACED").contains("Inventory.count");
    }
  }

  private static Method method(ClassLoader loader, String className, String name, Class<?>... parameters)
      throws Exception {
    Method method = loader.loadClass(PACKAGE + className).getDeclaredMethod(name, parameters);
    method.setAccessible(true);
    return method;
  }

  /** This package's classes loaded afresh, over a parent that does not have MicroProfile OpenTracing. */
  private URLClassLoader isolatedInterceptorPackage() {
    URL classes = SpanAnnotationsExtension.class.getProtectionDomain().getCodeSource().getLocation();
    ClassLoader withoutOpenTracing = new ClassLoader(getClass().getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("org.eclipse.microprofile.opentracing.")) {
          throw new ClassNotFoundException(name);
        }
        return super.loadClass(name, resolve);
      }
    };
    return new URLClassLoader(new URL[] {classes}, withoutOpenTracing) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
          if (name.startsWith(PACKAGE) && !name.substring(PACKAGE.length()).contains(".")) {
            Class<?> loaded = findLoadedClass(name);
            return loaded != null ? loaded : findClass(name);
          }
          return super.loadClass(name, resolve);
        }
      }
    };
  }
}
