package io.github.mackereltracing.internal.interceptor;

import static io.github.mackereltracing.testing.InMemoryTracing.finishedSpans;
import static io.github.mackereltracing.testing.InMemoryTracing.names;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Default span names of classes that are not top level. The MicroProfile Telemetry TCK
 * (RestClientSpanTest.spanChild) declares its bean as a nested class and expects {@code SpanBean.spanChild}.
 */
@EnableAutoWeld
@ExtendWith(InMemoryTracing.class)
@AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class})
@AddBeanClasses(SpanNameTest.SpanBean.class)
class SpanNameTest {
  @Inject SpanBean spanBean;

  @Test
  void aNestedBeanIsNamedByItsSimpleNameWithoutTheOuterClass() {
    spanBean.spanChild();

    assertThat(names(finishedSpans())).containsExactly("SpanBean.spanChild");
  }

  @Test
  void anAnonymousClassKeepsItsBinaryNameAfterThePackage() throws Exception {
    Runnable anonymous =
        new Runnable() {
          @Override
          public void run() {}
        };

    assertThat(MethodTrace.defaultSpanName(anonymous.getClass().getMethod("run")))
        .isEqualTo("SpanNameTest$1.run");
  }

  @Test
  void aTopLevelClassIsNamedByItsSimpleName() throws Exception {
    assertThat(MethodTrace.defaultSpanName(Relay.class.getMethod("forward", long.class)))
        .isEqualTo("Relay.forward");
  }

  @ApplicationScoped
  static class SpanBean {
    @WithSpan
    void spanChild() {}
  }
}
