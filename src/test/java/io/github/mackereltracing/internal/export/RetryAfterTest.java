package io.github.mackereltracing.internal.export;

import static io.github.mackereltracing.internal.export.UrlConnectionSenderTest.message;
import static io.github.mackereltracing.internal.export.UrlConnectionSenderTest.quickRetries;
import static io.github.mackereltracing.internal.export.UrlConnectionSenderTest.send;
import static io.github.mackereltracing.internal.export.UrlConnectionSenderTest.sender;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.testing.OtlpReceiver;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the sender does when the endpoint asks it to wait, or drops a kept-alive connection. */
class RetryAfterTest {
  @Test
  void aRetryAfterLongerThanTheTimeoutIsNotRetriedEarlierAndLaterBatchesWaitForIt() throws Throwable {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      receiver.respondWith(429);
      receiver.retryAfter("60");
      UrlConnectionSender sender = sender(receiver.baseUrl() + "/v1/logs", null, Duration.ofSeconds(2), quickRetries(5));

      assertThat(send(sender, "first").getStatusCode()).isEqualTo(429);
      // Asked to wait a minute: not asked again within milliseconds.
      assertThat(receiver.requests()).hasSize(1);

      AtomicReference<Throwable> error = new AtomicReference<>();
      sender.send(message("second"), r -> { }, error::set);

      // The next batch, within the minute, is not sent: it fails at once, to be counted as lost.
      assertThat(receiver.requests()).hasSize(1);
      assertThat(error.get()).isInstanceOf(IOException.class)
          .hasMessageContaining("HTTP 429 with Retry-After 60 s");
    }
  }

  @Test
  void aRetryAfterWithinTheTimeoutIsWaitedForInFull() throws Throwable {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      receiver.respondNextWith(503);
      receiver.retryAfter("1");
      // The policy's longest backoff is 50 ms; the endpoint's second is honoured all the same.
      UrlConnectionSender sender = sender(receiver.baseUrl() + "/v1/logs", null, Duration.ofSeconds(5), quickRetries(5));

      long start = System.nanoTime();
      assertThat(send(sender, "x").getStatusCode()).isEqualTo(200);

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      assertThat(receiver.requests()).extracting(OtlpReceiver.Received::answeredWith).containsExactly(503, 200);
    }
  }

  @Test
  void aKeptAliveConnectionTheServerClosedIsRetriedOnceOnANewOne() throws Throwable {
    try (RawPeer peer = RawPeer.closingKeptAliveConnections()) {
      UrlConnectionSender sender = sender(peer.url(), null, Duration.ofSeconds(5), RetryPolicy.getDefault());

      assertThat(send(sender, "first").getStatusCode()).isEqualTo(200);
      long start = System.nanoTime();
      // Reuses the kept-alive connection, which the peer closes: "Unexpected end of file from server".
      assertThat(send(sender, "second").getStatusCode()).isEqualTo(200);

      assertThat(peer.connections.get()).isEqualTo(2);
      assertThat(peer.requests.get()).isEqualTo(3);
      // At once, not after the policy's backoff (1 s at first).
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
  }
}
