package io.github.mackereltracing.internal.jaxrs;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Binds {@link ResourceExceptionInterceptor} to the resource methods ({@code @GET}, {@code @POST}... and
 * other {@link HttpMethod}s) of {@code @Path} classes that are CDI beans. Classes and methods a CDI
 * container cannot intercept (final, static, private) are left alone, so no deployment fails for it.
 */
public class ResourceExceptionExtension implements Extension {
  void beforeBeanDiscovery(@Observes BeforeBeanDiscovery event) {
    // The library jar may not be a bean archive: the interceptor is added, not discovered.
    event.addAnnotatedType(ResourceExceptionInterceptor.class, ResourceExceptionInterceptor.class.getName());
  }

  <X> void resource(@Observes @WithAnnotations(Path.class) ProcessAnnotatedType<X> event) {
    Class<X> type = event.getAnnotatedType().getJavaClass();
    if (type.isInterface() || Modifier.isFinal(type.getModifiers()) || !type.isAnnotationPresent(Path.class)) {
      return;
    }
    event.configureAnnotatedType()
        .filterMethods(ResourceExceptionExtension::interceptableResourceMethod)
        .forEach(method -> method.add(ResourceExceptions.Literal.INSTANCE));
  }

  private static boolean interceptableResourceMethod(AnnotatedMethod<?> annotated) {
    Method method = annotated.getJavaMember();
    int modifiers = method.getModifiers();
    if (Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers) || Modifier.isPrivate(modifiers)) {
      return false;
    }
    for (Annotation annotation : annotated.getAnnotations()) {
      if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
        return true;
      }
    }
    return false;
  }
}
