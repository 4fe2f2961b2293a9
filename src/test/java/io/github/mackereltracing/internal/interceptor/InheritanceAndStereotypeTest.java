package io.github.mackereltracing.internal.interceptor;

import static io.github.mackereltracing.testing.InMemoryTracing.finishedSpans;
import static io.github.mackereltracing.testing.InMemoryTracing.names;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code @Traced} reaching a bean through its superclass or its stereotype. */
@EnableAutoWeld
@ExtendWith(InMemoryTracing.class)
@AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class})
@AddBeanClasses({ExpressParcel.class, Payments.class})
class InheritanceAndStereotypeTest {
  @Inject ExpressParcel parcel;
  @Inject Payments payments;

  @Test
  void subclassOfATracedClassIsTracedAndSpansNameTheDeclaringClass() {
    parcel.deliver();
    assertThat(parcel.track()).isEqualTo("in transit");

    assertThat(names(finishedSpans())).containsExactly("ExpressParcel.deliver", "TrackedParcel.track");
  }

  @Test
  void stereotypeCarryingTracedTracesTheBean() {
    payments.pay();
    payments.ping();

    assertThat(names(finishedSpans())).containsExactly("Payments.pay");
  }
}
