package io.github.mackereltracing.internal.interceptor;

import static io.github.mackereltracing.testing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.io.IOException;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A failing method: the caller gets its very exception, the span says what went wrong. */
@EnableAutoWeld
@ExtendWith(InMemoryTracing.class)
@AddExtensions({TracingExtension.class, SpanAnnotationsExtension.class})
@AddBeanClasses(Shipping.class)
class ExceptionTest {
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  @Inject Shipping shipping;

  @Test
  void uncheckedExceptionIsRethrownUnchanged() {
    IllegalStateException failure = new IllegalStateException("printer jammed");

    assertThatThrownBy(() -> shipping.label(failure)).isSameAs(failure);
  }

  @Test
  void checkedExceptionIsRethrownUnchanged() {
    IOException failure = new IOException("carrier unreachable");

    assertThatThrownBy(() -> shipping.send(failure)).isSameAs(failure);
  }

  @Test
  void errorIsRethrownUnchanged() {
    AssertionError failure = new AssertionError("bug");

    assertThatThrownBy(() -> shipping.halt(failure)).isSameAs(failure);
    assertThat(span("Shipping.halt").getAttributes().get(ERROR_TYPE)).isEqualTo(AssertionError.class.getName());
  }

  @Test
  void failedSpanHasStatusErrorAndErrorType() {
    assertThatThrownBy(() -> shipping.send(new IOException("carrier unreachable")));

    SpanData span = span("Shipping.send");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("java.io.IOException");
    assertThat(span.hasEnded()).isTrue();
  }

  @Test
  void valuesInExceptionMessagesAreMasked() {
    IllegalStateException failure =
        new IllegalStateException("Duplicate entry 'alice@example.com' for key 'users.email'");
    assertThatThrownBy(() -> shipping.label(failure)).isSameAs(failure);

    EventData event = span("Shipping.label").getEvents().get(0);
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message"))).isEqualTo("Duplicate entry \u2026");
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
        .startsWith("java.lang.IllegalStateException: Duplicate entry \u2026")
        .doesNotContain("alice@example.com");
  }

  @Test
  void failureIsRecordedAsAnExceptionEvent() {
    assertThatThrownBy(() -> shipping.label(new IllegalStateException("printer jammed")));

    EventData event = span("Shipping.label").getEvents().get(0);
    assertThat(event.getName()).isEqualTo("exception");
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.type")))
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message"))).isEqualTo("printer jammed");
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
        .startsWith("java.lang.IllegalStateException: printer jammed")
        .contains("failureIsRecordedAsAnExceptionEvent");
  }

  @Test
  void exceptionThatCannotDescribeItselfStillReachesTheCaller() {
    RuntimeException unprintable = new RuntimeException() {
      @Override
      public String getMessage() {
        throw new UnsupportedOperationException("no message for you");
      }
    };

    assertThatThrownBy(() -> shipping.label(unprintable)).isSameAs(unprintable);
    SpanData span = span("Shipping.label");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo(unprintable.getClass().getName());
  }
}
