package io.github.mackereltracing.internal.interceptor;

import static io.github.mackereltracing.testing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The span encloses the work of the platform's interceptors, transactions included. */
@EnableAutoWeld
@ExtendWith(InMemoryTracing.class)
@AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class})
@AddBeanClasses({Ledger.class, AroundTransactionInterceptor.class})
class InterceptorOrderTest {
  @Inject Ledger ledger;

  @AfterEach
  void reset() {
    AroundTransactionInterceptor.spanIdSeen = null;
    AroundTransactionInterceptor.commitFailure = null;
  }

  @Test
  void transactionInterceptorRunsInsideTheSpan() {
    ledger.book();

    assertThat(AroundTransactionInterceptor.spanIdSeen).isEqualTo(span("Ledger.book").getSpanId());
  }

  @Test
  void failedCommitIsRecordedOnTheSpan() {
    IllegalStateException rollback = new IllegalStateException("rolled back");
    AroundTransactionInterceptor.commitFailure = rollback;

    assertThatThrownBy(() -> ledger.book()).isSameAs(rollback);
    SpanData span = span("Ledger.book");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo(IllegalStateException.class.getName());
  }
}
