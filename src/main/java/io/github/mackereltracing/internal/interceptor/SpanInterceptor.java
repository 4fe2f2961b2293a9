package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Telemetry;
import jakarta.annotation.Nullable;
import jakarta.enterprise.inject.Intercepted;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the three annotation interceptors share. An instance serves one bean instance: it finds its
 * deployment's tracing and its bean class's method traces once, when created, so that a call costs a
 * volatile read when tracing is off and a look-up by identity more when it is on (see {@link
 * BeanMethods#get}). A span the sampler would drop is not built (see {@link
 * io.github.mackereltracing.internal.runtime.SamplingShortcut}).
 *
 * <p>The CDI limits apply: a call from the bean to itself ({@code this.other()}) is not intercepted, nor
 * are private, static or final methods (CDI refuses an interceptor binding on a final class or method).
 */
abstract class SpanInterceptor implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(SpanInterceptor.class.getName());

  /**
   * Before everything but the platform's earliest: the span encloses transactions ({@code PLATFORM_BEFORE +
   * 200}), request-context activation ({@code + 100}), bean validation, fault tolerance and the
   * application's own interceptors, so their time and failures show inside it.
   */
  static final int PRIORITY = Interceptor.Priority.PLATFORM_BEFORE + 10;

  private final Binding binding;
  @Nullable private Class<?> beanClass;
  // Held by the container, not by a session: a passivated bean finds them again when it is read back.
  @Nullable private transient DeploymentTracing tracing;
  @Nullable private transient BeanMethods methods;

  /**
   * CDI needs a class per interceptor binding; each subclass is only that declaration, and its class says
   * which binding it stands for.
   */
  SpanInterceptor() {
    this.binding = this instanceof TracedInterceptor ? Binding.TRACED
        : this instanceof WithSpanInterceptor ? Binding.WITH_SPAN
        : Binding.MICROPROFILE_TRACED;
  }

  /** Called by the container once the instance exists: the bean it serves, and the deployment's tracing. */
  @Inject
  void inject(SpanAnnotationsExtension annotations, TracingExtension tracingExtension, @Intercepted Bean<?> bean) {
    this.beanClass = bean == null ? null : bean.getBeanClass();
    link(annotations, tracingExtension);
  }

  private void link(SpanAnnotationsExtension annotations, TracingExtension tracingExtension) {
    if (beanClass == null || annotations.standsAside(binding)) {
      return; // tracing stays null: calls go straight through
    }
    methods = annotations.methodsOf(beanClass);
    tracing = tracingExtension.tracing();
  }

  /** The one around-invoke method of the three interceptors (declared here, on their superclass). */
  @AroundInvoke
  Object intercept(InvocationContext invocation) throws Exception {
    DeploymentTracing tracing = this.tracing;
    Telemetry telemetry = tracing == null ? null : tracing.active();
    if (telemetry == null) {
      return invocation.proceed();
    }
    MethodTrace trace = methods.get(invocation.getMethod());
    if (!trace.tracedBy(binding)) {
      return invocation.proceed();
    }
    return SpanInvocation.proceed(telemetry.tracer(), telemetry.sampling(), trace, invocation);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    try {
      var beanManager = CDI.current().getBeanManager();
      link(
          beanManager.getExtension(SpanAnnotationsExtension.class),
          beanManager.getExtension(TracingExtension.class));
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Mackerel tracing: a restored " + beanClass + " stays untraced", e);
    }
  }
}
