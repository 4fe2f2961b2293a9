package io.github.mackereltracing.internal.interceptor;

import static io.github.mackereltracing.testing.InMemoryTracing.finishedSpans;
import static io.github.mackereltracing.testing.InMemoryTracing.names;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code @Traced} on a class traces its business methods, not its overrides of {@code Object}'s methods
 * ({@code toString} in a log line, {@code equals}/{@code hashCode} in a collection would each make a span);
 * such a method that carries an annotation itself is traced, as any method is.
 */
@EnableAutoWeld
@ExtendWith(InMemoryTracing.class)
@AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class})
@AddBeanClasses({Voucher.class, LegacyVoucher.class, Receipt.class})
class ObjectMethodsTest {
  @Inject Voucher voucher;
  @Inject LegacyVoucher legacyVoucher;
  @Inject Receipt receipt;

  @Test
  void classLevelTracedLeavesOutTheOverridesOfObjectsMethods() {
    Set<Object> set = new HashSet<>();
    set.add(voucher);
    assertThat(set.contains(voucher)).isTrue();
    assertThat(voucher.equals(new Object())).isFalse();
    assertThat("" + voucher).isEqualTo("Voucher V-1");
    assertThat(voucher.clone()).isNotNull();
    voucher.code();

    assertThat(names(finishedSpans())).containsExactly("Voucher.code");
  }

  @Test
  void microProfileClassLevelTracedLeavesThemOutToo() {
    assertThat(legacyVoucher.hashCode()).isEqualTo(2);
    assertThat(legacyVoucher.equals(legacyVoucher)).isTrue();
    assertThat(legacyVoucher.toString()).isEqualTo("LegacyVoucher L-1");
    legacyVoucher.code();

    assertThat(names(finishedSpans())).containsExactly("LegacyVoucher.code");
  }

  @Test
  void anAnnotationOnTheMethodItselfIsHonoured() {
    assertThat(receipt.toString()).isEqualTo("Receipt R-1");
    assertThat(receipt.hashCode()).isEqualTo(3);
    assertThat(receipt.equals(receipt)).isTrue();

    assertThat(names(finishedSpans())).containsExactly("Receipt.toString", "receipt hash");
  }
}
