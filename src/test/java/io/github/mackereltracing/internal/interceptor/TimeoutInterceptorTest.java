package io.github.mackereltracing.internal.interceptor;

import static io.github.mackereltracing.testing.InMemoryTracing.finishedSpans;
import static io.github.mackereltracing.testing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mackereltracing.MackerelTracing;
import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InterceptionType;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.inject.Inject;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * EJB timeout methods get the timeout interceptor (Weld SE runs no EJB timer, so the container's call is
 * made here as the EJB container makes it: through the interceptor's {@code @AroundTimeout} method).
 */
@EnableAutoWeld
@ExtendWith(InMemoryTracing.class)
@AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class, TimeoutInterceptorTest.Bindings.class})
@AddBeanClasses(TimeoutInterceptorTest.Census.class)
class TimeoutInterceptorTest {
  @Singleton
  public static class Census {
    @Schedule(hour = "*", minute = "*/5", persistent = false)
    public void everyFiveMinutes() {}

    @Timeout
    public void onTimer() {
      throw new IllegalStateException("census failed");
    }

    public void count() {}
  }

  /** Records which methods of {@code Census} carry the binding, as the container sees the bean. */
  public static class Bindings implements Extension {
    static final Set<String> BOUND = new TreeSet<>();

    void census(@Observes ProcessManagedBean<Census> event) {
      for (AnnotatedMethod<? super Census> method : event.getAnnotatedBeanClass().getMethods()) {
        if (method.isAnnotationPresent(TimeoutSpan.class)) {
          BOUND.add(method.getJavaMember().getName());
        }
      }
    }
  }

  @Inject BeanManager beanManager;

  @Test
  void theTimeoutMethodsOfAnEjbAreBoundAndTheInterceptorIsEnabled() {
    assertThat(Bindings.BOUND).containsExactly("everyFiveMinutes", "onTimer");
    assertThat(beanManager.resolveInterceptors(InterceptionType.AROUND_TIMEOUT, TimeoutSpan.Literal.INSTANCE))
        .singleElement().satisfies(i -> assertThat(i.getBeanClass()).isEqualTo(TimeoutInterceptor.class));
  }

  @Test
  void aTimeoutIsARootSpanEvenWhereAContextIsCurrent() throws Exception {
    TimeoutInterceptor interceptor = new TimeoutInterceptor(beanManager.getExtension(TracingExtension.class));
    Span stale = MackerelTracing.openTelemetry().getTracer("test").spanBuilder("left on the thread").startSpan();
    try (Scope ignored = stale.makeCurrent()) {
      interceptor.timeout(new TimeoutCall(Census.class.getMethod("everyFiveMinutes")));
    } finally {
      stale.end();
    }
    SpanData timer = span("Census.everyFiveMinutes");
    assertThat(timer.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(timer.getParentSpanContext().isValid()).isFalse();
    assertThat(timer.getAttributes().get(AttributeKey.stringKey("code.function.name")))
        .isEqualTo(Census.class.getName() + ".everyFiveMinutes");
  }

  @Test
  void aFailingTimeoutRethrowsItsExceptionAndFailsTheSpan() throws Exception {
    TimeoutInterceptor interceptor = new TimeoutInterceptor(beanManager.getExtension(TracingExtension.class));
    IllegalStateException failure = new IllegalStateException("census failed");
    TimeoutCall call = new TimeoutCall(Census.class.getMethod("onTimer")) {
      @Override
      public Object proceed() {
        throw failure;
      }
    };
    assertThatThrownBy(() -> interceptor.timeout(call)).isSameAs(failure);
    assertThat(span("Census.onTimer").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(finishedSpans()).hasSize(1);
  }

  /** The EJB container's call of a timeout method. */
  private static class TimeoutCall implements InvocationContext {
    private final Method method;

    TimeoutCall(Method method) {
      this.method = method;
    }

    @Override
    public Object getTarget() {
      return new Census();
    }

    @Override
    public Object getTimer() {
      return null;
    }

    @Override
    public Method getMethod() {
      return method;
    }

    @Override
    public Constructor<?> getConstructor() {
      return null;
    }

    @Override
    public Object[] getParameters() {
      return new Object[0];
    }

    @Override
    public void setParameters(Object[] params) {}

    @Override
    public Map<String, Object> getContextData() {
      return Map.of();
    }

    @Override
    public Object proceed() throws Exception {
      return null;
    }
  }
}
