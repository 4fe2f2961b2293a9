package io.github.mackereltracing.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The suite-wide watch sees a key wherever it would leak; a watch that could not fail would prove nothing. */
class SecretWatchTest {
  static final String KEY = TestKeys.key("watch");

  @Test
  void aKeyInAnyLoggersLineIsFound() {
    Logger.getLogger("com.example.app").warning("connecting with " + KEY);
    assertThat(SecretWatch.takeFound()).singleElement().asString().contains("com.example.app");
  }

  @Test
  void aKeyInALoggedExceptionOrItsCauseIsFound() {
    Logger.getLogger("io.github.mackereltracing").log(Level.WARNING, "export failed",
        new IllegalStateException("outer", new IllegalArgumentException("bad header " + KEY)));
    assertThat(SecretWatch.takeFound()).hasSize(1);
  }

  @Test
  void aKeyInAnExportedSpanIsFound() {
    SecretWatch.spans("test", List.of(TestSpanData.builder()
        .setName("GET /").setKind(SpanKind.SERVER).setStatus(StatusData.unset())
        .setAttributes(Attributes.builder().put("http.request.header.x-key", KEY).build())
        .setStartEpochNanos(1).setEndEpochNanos(2).setHasEnded(true).build()));
    assertThat(SecretWatch.takeFound()).singleElement().asString().contains("http.request.header.x-key");
  }

  @Test
  void theMaskedKeyIsNotALeak() {
    Logger.getLogger("io.github.mackereltracing").info("api key=****cdef");
    assertThat(SecretWatch.takeFound()).isEmpty();
    assertThat(SecretWatch.failure("nothing")).isNull();
  }

  @Test
  void theWatchTurnsWhatItFoundIntoAFailureNamingTheTest() {
    Logger.getLogger("x").severe(KEY);
    assertThat(SecretWatch.failure("SomeTest.someMethod()")).hasMessageContaining("SomeTest.someMethod()")
        .hasMessageContaining(TestKeys.MARK);
    assertThat(SecretWatch.takeFound()).isEmpty();
  }
}
