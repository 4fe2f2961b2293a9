package io.github.mackereltracing.internal.interceptor;

import static io.github.mackereltracing.testing.InMemoryTracing.finishedSpans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.github.mackereltracing.testing.LogCapture;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tracing off (no Mackerel key): annotated methods run as they would without the library. */
@EnableAutoWeld
@ExtendWith(InMemoryTracing.Disabled.class)
@AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class})
@AddBeanClasses({SpanProbe.class, Shipping.class, SearchService.class})
class DisabledTracingTest {
  @Inject SpanProbe probe;
  @Inject Shipping shipping;
  @Inject SearchService search;

  @Test
  void methodsRunOutsideAnySpan() {
    assertThat(probe.insideASpan()).isFalse();
    assertThat(finishedSpans()).isEmpty();
  }

  @Test
  void exceptionsAndStagesPassThroughUntouched() {
    IOException failure = new IOException("carrier unreachable");
    CompletableFuture<String> outcome = new CompletableFuture<>();

    assertThatThrownBy(() -> shipping.send(failure)).isSameAs(failure);
    assertThat(shipping.quote(outcome)).isSameAs(outcome);
  }

  @Test
  void nothingIsLoggedAboveInfo() {
    try (LogCapture log = LogCapture.library()) {
      probe.insideASpan();
      search.query("red shoes", 20, true, 1.5, 3L, null, null);

      assertThat(log.lines(Level.WARNING)).isEmpty();
    }
  }
}
