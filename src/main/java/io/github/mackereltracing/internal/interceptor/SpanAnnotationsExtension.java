package io.github.mackereltracing.internal.interceptor;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.Interceptor;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.util.Nonbinding;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Spans from annotations, for one deployment: makes OpenTelemetry's {@code @WithSpan} an interceptor
 * binding, adds the interceptors (the library jar may not be scanned), and works out at deployment how each
 * annotated bean method is traced. What it learns lives in this instance, which the container drops at
 * undeploy.
 */
public class SpanAnnotationsExtension implements Extension {
  private static final Logger LOG = Logger.getLogger(SpanAnnotationsExtension.class.getName());

  private final Map<Class<?>, BeanMethods> beans = new ConcurrentHashMap<>();
  private volatile boolean microProfile;
  private volatile boolean withSpanElsewhere;

  void beforeBeanDiscovery(@Observes BeforeBeanDiscovery event) {
    // @WithSpan is not an interceptor binding by itself (it must work without CDI); its members only
    // describe the span, so they must not decide which interceptor applies.
    event.configureInterceptorBinding(WithSpan.class).methods().forEach(m -> m.add(Nonbinding.Literal.INSTANCE));
    event.addAnnotatedType(TracedInterceptor.class, TracedInterceptor.class.getName());
    event
        .addAnnotatedType(WithSpanInterceptor.class, WithSpanInterceptor.class.getName())
        .add(WithSpanLiteral.INSTANCE);
    event.addAnnotatedType(TimeoutInterceptor.class, TimeoutInterceptor.class.getName());
    microProfile = MicroProfileTraced.visibleTo(Thread.currentThread().getContextClassLoader());
    if (microProfile) {
      event.addAnnotatedType(MicroProfileTracedInterceptor.class, MicroProfileTracedInterceptor.class.getName());
    }
  }

  <X> void managedBean(@Observes ProcessManagedBean<X> event, BeanManager beanManager) {
    BeanMethods methods =
        BeanMethods.of(
            event.getAnnotatedBeanClass(),
            type -> beanManager.isStereotype(type) ? beanManager.getStereotypeDefinition(type) : null,
            microProfile);
    if (methods != null) {
      beans.put(event.getBean().getBeanClass(), methods);
    }
  }

  /**
   * Binds {@link TimeoutInterceptor} to the timeout methods of session and message-driven beans. By annotation
   * names: the EJB API is absent where Weld runs on a plain servlet container.
   */
  <T> void timeoutMethods(@Observes ProcessAnnotatedType<T> event) {
    AnnotatedType<T> type = event.getAnnotatedType();
    if (!hasAnnotationNamed(type.getAnnotations(), EJB_COMPONENTS)) {
      return;
    }
    boolean any = false;
    for (AnnotatedMethod<? super T> method : type.getMethods()) {
      any |= isTimeoutMethod(method);
    }
    if (any) {
      event.configureAnnotatedType()
          .filterMethods(SpanAnnotationsExtension::isTimeoutMethod)
          .forEach(method -> method.add(TimeoutSpan.Literal.INSTANCE));
    }
  }

  private static final Set<String> EJB_COMPONENTS =
      Set.of("jakarta.ejb.Stateless", "jakarta.ejb.Singleton", "jakarta.ejb.MessageDriven");
  private static final Set<String> TIMEOUT_ANNOTATIONS =
      Set.of("jakarta.ejb.Schedule", "jakarta.ejb.Schedules", "jakarta.ejb.Timeout");

  private static boolean isTimeoutMethod(AnnotatedMethod<?> method) {
    return !method.isStatic() && hasAnnotationNamed(method.getAnnotations(), TIMEOUT_ANNOTATIONS);
  }

  private static boolean hasAnnotationNamed(Set<Annotation> annotations, Set<String> names) {
    for (Annotation annotation : annotations) {
      if (names.contains(annotation.annotationType().getName())) {
        return true;
      }
    }
    return false;
  }

  void otherWithSpanInterceptor(@Observes ProcessBean<?> event) {
    if (event.getBean() instanceof Interceptor<?> interceptor
        && interceptor.getBeanClass() != WithSpanInterceptor.class
        && bindsWithSpan(interceptor)) {
      // The server's MicroProfile Telemetry already makes @WithSpan spans: a second would double each one.
      withSpanElsewhere = true;
      LOG.info("Mackerel tracing: " + interceptor.getBeanClass().getName()
          + " already makes the spans of @WithSpan methods; this library leaves @WithSpan to it");
    }
  }

  private static boolean bindsWithSpan(Interceptor<?> interceptor) {
    for (Annotation binding : interceptor.getInterceptorBindings()) {
      if (binding.annotationType() == WithSpan.class) {
        return true;
      }
    }
    return false;
  }

  /** The method traces of a bean class; worked out from its class file if the container did not show it. */
  BeanMethods methodsOf(Class<?> beanClass) {
    BeanMethods methods = beans.get(beanClass);
    return methods != null
        ? methods
        : beans.computeIfAbsent(beanClass, c -> BeanMethods.declaredBy(c, microProfile));
  }

  /** Whether the interceptor of {@code binding} leaves its spans to another one. */
  boolean standsAside(Binding binding) {
    return binding == Binding.WITH_SPAN && withSpanElsewhere;
  }
}
