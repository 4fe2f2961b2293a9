package io.github.mackereltracing.internal.jaxrs;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The URI template of a JAX-RS resource method, relative to the application's base URI: class {@code @Path}
 * plus method {@code @Path} ({@code /users/{id}}), with regular expressions left out ({@code {id: [0-9]+}} is
 * {@code {id}}), annotations inherited from superclasses and interfaces as JAX-RS inherits them, and
 * sub-resource locators followed. Templates are computed once per resource method, in a {@link ClassValue}
 * that goes away with the application's classes at undeploy.
 */
final class ResourceRoutes {
  private static final int MAX_METHODS_PER_CLASS = 1024;

  private static final ClassValue<Map<Method, Template>> TEMPLATES =
      new ClassValue<>() {
        @Override
        protected Map<Method, Template> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private ResourceRoutes() {}

  /**
   * A resource method's template, and the last route and span name made from it: a deployment has one base
   * path and a resource method one HTTP method, so after the first request naming the span allocates nothing.
   */
  static final class Template {
    final String path;
    private volatile Named last;

    Template(String path) {
      this.path = path;
    }

    /** The route under {@code basePath} and the span name for {@code methodName}. */
    Named named(String basePath, String methodName) {
      Named named = last;
      if (named != null && named.basePath.equals(basePath) && named.methodName.equals(methodName)) {
        return named;
      }
      String route = route(basePath, path);
      named = new Named(basePath, methodName, route, methodName + " " + route);
      last = named;
      return named;
    }
  }

  /** A route and the span name that goes with it. */
  static final class Named {
    final String basePath;
    final String methodName;
    final String route;
    final String spanName;

    Named(String basePath, String methodName, String route, String spanName) {
      this.basePath = basePath;
      this.methodName = methodName;
      this.route = route;
      this.spanName = spanName;
    }
  }

  /** The template of {@code method} of the root resource {@code resourceClass}, e.g. {@code /users/{id}}. */
  static Template template(Class<?> resourceClass, Method method) {
    Map<Method, Template> byMethod = TEMPLATES.get(resourceClass);
    Template template = byMethod.get(method);
    if (template == null) {
      template = new Template(normalize(join(classPath(resourceClass), methodPath(resourceClass, method))));
      if (byMethod.size() < MAX_METHODS_PER_CLASS) {
        byMethod.put(method, template);
      }
    }
    return template;
  }

  /**
   * The template of a method reached through sub-resource locators, or null when the chain cannot be told
   * for sure.
   *
   * @param matchedResources JAX-RS's {@code UriInfo.getMatchedResources()}: the current resource first, the
   *     root resource last
   */
  static Template locatedTemplate(List<Object> matchedResources, Class<?> resourceClass, Method method) {
    int last = matchedResources.size() - 1;
    Class<?> root = userClass(matchedResources.get(last).getClass());
    StringBuilder path = new StringBuilder(classPath(root));
    Class<?> outer = root;
    for (int i = last - 1; i >= 0; i--) {
      Class<?> inner = userClass(matchedResources.get(i).getClass());
      String locator = locatorPath(outer, inner);
      if (locator == null) {
        return null;
      }
      path.append('/').append(locator);
      outer = inner;
    }
    path.append('/').append(methodPath(resourceClass, method));
    return new Template(normalize(path.toString()));
  }

  /** Base path (application path, with the context root) and template: {@code /shop/api} + {@code /users/{id}}. */
  static String route(String basePath, String template) {
    int end = basePath.length();
    while (end > 0 && basePath.charAt(end - 1) == '/') {
      end--;
    }
    if (template.equals("/")) {
      return end == 0 ? "/" : basePath.substring(0, end);
    }
    return basePath.substring(0, end) + template;
  }

  /** The class's {@code @Path}, from the class or the nearest superclass or interface that has one. */
  static String classPath(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      Path path = c.getAnnotation(Path.class);
      if (path != null) {
        return path.value();
      }
      for (Class<?> i : c.getInterfaces()) {
        Path ip = i.getAnnotation(Path.class);
        if (ip != null) {
          return ip.value();
        }
      }
    }
    return "";
  }

  /**
   * The method's {@code @Path}, or "" when it has none. JAX-RS annotations are inherited from the
   * superclass or interface method a method overrides, when the method itself has none.
   */
  static String methodPath(Class<?> resourceClass, Method method) {
    Method annotated = annotatedVersion(resourceClass, method);
    Path path = annotated.getAnnotation(Path.class);
    return path == null ? "" : path.value();
  }

  private static Method annotatedVersion(Class<?> resourceClass, Method method) {
    if (hasJaxRsAnnotation(method)) {
      return method;
    }
    Class<?> start = resourceClass.isAssignableFrom(method.getDeclaringClass()) ? method.getDeclaringClass() : resourceClass;
    for (Class<?> c = start; c != null && c != Object.class; c = c.getSuperclass()) {
      Method found = find(c, method);
      if (found != null && hasJaxRsAnnotation(found)) {
        return found;
      }
      for (Class<?> i : c.getInterfaces()) {
        Method inInterface = find(i, method);
        if (inInterface != null && hasJaxRsAnnotation(inInterface)) {
          return inInterface;
        }
      }
    }
    return method;
  }

  private static Method find(Class<?> type, Method like) {
    try {
      return type.getDeclaredMethod(like.getName(), like.getParameterTypes());
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static boolean hasJaxRsAnnotation(Method method) {
    if (method.isAnnotationPresent(Path.class)) {
      return true;
    }
    for (Annotation a : method.getAnnotations()) {
      if (a.annotationType().isAnnotationPresent(HttpMethod.class)) {
        return true;
      }
    }
    return false;
  }

  /** The {@code @Path} of the one locator method of {@code outer} that returns {@code inner}, else null. */
  private static String locatorPath(Class<?> outer, Class<?> inner) {
    String found = null;
    for (Method m : outer.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || m.isBridge()) {
        continue;
      }
      Method annotated = annotatedVersion(outer, m);
      Path path = annotated.getAnnotation(Path.class);
      if (path == null || isResourceMethod(annotated)) {
        continue;
      }
      Class<?> returned = m.getReturnType();
      if (returned.isAssignableFrom(inner) && returned != Object.class || returned == Class.class) {
        if (found != null && !found.equals(path.value())) {
          return null;
        }
        found = path.value();
      }
    }
    return found;
  }

  private static boolean isResourceMethod(Method method) {
    for (Annotation a : method.getAnnotations()) {
      if (a.annotationType().isAnnotationPresent(HttpMethod.class)) {
        return true;
      }
    }
    return false;
  }

  /** The application's class behind a CDI client proxy or subclass. */
  private static Class<?> userClass(Class<?> type) {
    Class<?> c = type;
    while (c.getSuperclass() != null && c.getSuperclass() != Object.class
        && (c.isSynthetic() || c.getName().contains("$$") || c.getName().contains("$Proxy$"))) {
      c = c.getSuperclass();
    }
    return c;
  }

  static String join(String classPath, String methodPath) {
    if (methodPath.isEmpty()) {
      return classPath;
    }
    return classPath + "/" + methodPath;
  }

  /** One leading slash, no doubled or trailing slash, {@code {name: regex}} as {@code {name}}. */
  static String normalize(String template) {
    StringBuilder out = new StringBuilder(template.length() + 1);
    int depth = 0;
    boolean skipping = false;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (depth > 0) {
        if (c == '{') {
          depth++;
        } else if (c == '}') {
          depth--;
          if (depth == 0) {
            skipping = false;
            out.append('}');
          }
          continue;
        }
        if (depth == 1 && c == ':') {
          skipping = true;
          continue;
        }
        if (!skipping && depth == 1 && !Character.isWhitespace(c)) {
          out.append(c);
        }
        continue;
      }
      if (c == '{') {
        depth = 1;
        if (out.length() == 0) {
          out.append('/');
        }
        out.append('{');
      } else if (c == '/') {
        if (out.length() == 0 || out.charAt(out.length() - 1) != '/') {
          out.append('/');
        }
      } else {
        if (out.length() == 0) {
          out.append('/');
        }
        out.append(c);
      }
    }
    if (out.length() == 0) {
      return "/";
    }
    if (out.length() > 1 && out.charAt(out.length() - 1) == '/') {
      out.setLength(out.length() - 1);
    }
    return out.toString();
  }
}
