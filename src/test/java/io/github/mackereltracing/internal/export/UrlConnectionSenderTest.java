package io.github.mackereltracing.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.testing.OtlpReceiver;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The HTTP sender against a real receiver: what it sends, what it retries, and when it gives up. */
class UrlConnectionSenderTest {
  static final Compressor GZIP = new Compressor() {
    @Override
    public String getEncoding() {
      return "gzip";
    }

    @Override
    public OutputStream compress(OutputStream out) throws IOException {
      return new GZIPOutputStream(out);
    }
  };

  /** A message whose content is {@code text}, as the exporter hands one over. */
  static MessageWriter message(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new MessageWriter() {
      @Override
      public void writeMessage(OutputStream out) throws IOException {
        out.write(bytes);
      }

      @Override
      public int getContentLength() {
        return bytes.length;
      }
    };
  }

  static UrlConnectionSender sender(String url, Compressor compressor, Duration timeout, RetryPolicy retries)
      throws IOException {
    return new UrlConnectionSender(new URL(url), "application/x-protobuf", compressor, Duration.ofSeconds(1),
        timeout, () -> Map.of("Mackerel-Api-Key", List.of("k-123"), "Accept", List.of("*/*")), retries, null,
        null, 1024);
  }

  static RetryPolicy quickRetries(int attempts) {
    return RetryPolicy.builder()
        .setMaxAttempts(attempts)
        .setInitialBackoff(Duration.ofMillis(10))
        .setMaxBackoff(Duration.ofMillis(50))
        .build();
  }

  /** Sends and returns the response, or throws what the sender reported. */
  static HttpResponse send(UrlConnectionSender sender, String text) throws Throwable {
    AtomicReference<HttpResponse> response = new AtomicReference<>();
    AtomicReference<Throwable> error = new AtomicReference<>();
    sender.send(message(text), response::set, error::set);
    if (error.get() != null) {
      throw error.get();
    }
    return response.get();
  }

  @Test
  void postsTheCompressedBodyWithItsLengthAndTheExportersHeaders() throws Throwable {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      UrlConnectionSender sender = sender(receiver.baseUrl() + "/v1/logs", GZIP, Duration.ofSeconds(5), null);

      HttpResponse response = send(sender, "a body that is not a span");

      assertThat(response.getStatusCode()).isEqualTo(200);
      OtlpReceiver.Received request = receiver.requests().get(0);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.header("Content-Type")).isEqualTo("application/x-protobuf");
      assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(request.header("Content-Length")).isEqualTo(String.valueOf(request.rawBody().length));
      assertThat(request.header("Mackerel-Api-Key")).isEqualTo("k-123");
      assertThat(request.header("Accept")).isEqualTo("*/*");
      assertThat(new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(request.rawBody()))
          .readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a body that is not a span");
    }
  }

  /** The body buffer is kept from one export to the next: a shorter body after a longer one is sent whole and alone. */
  @Test
  void eachExportSendsItsOwnBodyWhateverTheOneBefore() throws Throwable {
    StringBuilder longText = new StringBuilder();
    for (int i = 0; longText.length() < 50_000; i++) {
      longText.append("span ").append(Integer.toHexString(i * 0x9E3779B1)).append(';');
    }
    List<String> bodies = List.of(longText.toString(), "short", longText.substring(0, 3000));
    for (Compressor compressor : java.util.Arrays.asList(GZIP, null)) {
      try (OtlpReceiver receiver = new OtlpReceiver()) {
        UrlConnectionSender sender = sender(receiver.baseUrl() + "/v1/logs", compressor, Duration.ofSeconds(5), null);

        for (String body : bodies) {
          assertThat(send(sender, body).getStatusCode()).isEqualTo(200);
        }

        List<OtlpReceiver.Received> requests = receiver.requests();
        assertThat(requests).hasSize(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
          byte[] raw = requests.get(i).rawBody();
          assertThat(requests.get(i).header("Content-Length")).isEqualTo(String.valueOf(raw.length));
          byte[] content = compressor == null ? raw
              : new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes();
          assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo(bodies.get(i));
        }
      }
    }
  }

  @Test
  void retriesUnavailableAndTooManyRequestsThenAnswersTheLastResponse() throws Throwable {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      receiver.respondNextWith(429, 503, 504);
      UrlConnectionSender sender = sender(receiver.baseUrl() + "/v1/logs", null, Duration.ofSeconds(5),
          quickRetries(5));

      assertThat(send(sender, "x").getStatusCode()).isEqualTo(200);
      assertThat(receiver.requests()).extracting(OtlpReceiver.Received::answeredWith).containsExactly(429, 503, 504, 200);
      // Every attempt sends the same bytes.
      assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.rawBody()).isEqualTo("x".getBytes()));
    }
  }

  @Test
  void givesTheLastRefusalOnceTheAttemptsAreSpent() throws Throwable {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      receiver.respondWith(503);
      UrlConnectionSender sender = sender(receiver.baseUrl() + "/v1/logs", null, Duration.ofSeconds(5),
          quickRetries(3));

      assertThat(send(sender, "x").getStatusCode()).isEqualTo(503);
      assertThat(receiver.requests()).hasSize(3);
    }
  }

  @Test
  void aClientErrorIsNotRetried() throws Throwable {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      receiver.respondWith(401);
      UrlConnectionSender sender = sender(receiver.baseUrl() + "/v1/logs", null, Duration.ofSeconds(5),
          quickRetries(5));

      assertThat(send(sender, "x").getStatusCode()).isEqualTo(401);
      assertThat(receiver.requests()).hasSize(1);
    }
  }

  @Test
  void aSlowEndpointTimesOutTheExport() throws Throwable {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      receiver.respondAfter(Duration.ofSeconds(3));
      UrlConnectionSender sender = sender(receiver.baseUrl() + "/v1/logs", null, Duration.ofMillis(300),
          quickRetries(2));

      AtomicReference<Throwable> error = new AtomicReference<>();
      sender.send(message("x"), r -> { }, error::set);

      // Given up (the export, retries included, cut at 300 ms) while the endpoint still holds the first request.
      assertThat(error.get()).isInstanceOf(SocketTimeoutException.class);
      assertThat(receiver.requests()).isEmpty();
    }
  }

  @Test
  void anInterruptedWorkerStopsRetrying() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    // A timeout long enough for the backoff: the wait is cut short by the interrupt, not by the deadline.
    UrlConnectionSender sender = sender("http://127.0.0.1:" + closedPort + "/v1/traces", null, Duration.ofSeconds(60),
        RetryPolicy.builder().setMaxAttempts(5).setInitialBackoff(Duration.ofSeconds(30))
            .setMaxBackoff(Duration.ofSeconds(30)).setBackoffMultiplier(1.0).build());
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread worker = new Thread(() -> sender.send(message("x"), r -> outcome.complete(null), outcome::complete));
    worker.start();
    Thread.sleep(300); // refused at once, then waiting up to 30 s to retry
    worker.interrupt();

    assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedIOException.class);
  }

  @Test
  void afterShutdownNothingIsSent() throws Throwable {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      UrlConnectionSender sender = sender(receiver.baseUrl() + "/v1/logs", null, Duration.ofSeconds(5), null);
      assertThat(sender.shutdown().isSuccess()).isTrue();

      AtomicReference<Throwable> error = new AtomicReference<>();
      sender.send(message("x"), r -> { }, error::set);

      assertThat(error.get()).isInstanceOf(IOException.class);
      assertThat(receiver.requests()).isEmpty();
    }
  }

  @Test
  void aRetryAfterIsReadAsSecondsOrAnHttpDateAndBounded() {
    assertThat(UrlConnectionSender.RetryAfter.parse("3", 429).delayNanos()).isEqualTo(3_000_000_000L);
    assertThat(UrlConnectionSender.RetryAfter.parse(" 0 ", 429).delayNanos()).isZero();
    assertThat(UrlConnectionSender.RetryAfter.parse("86400", 429).delayNanos())
        .isEqualTo(UrlConnectionSender.MAX_RETRY_AFTER.toNanos());
    String inTenSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
        java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10));
    assertThat(Duration.ofNanos(UrlConnectionSender.RetryAfter.parse(inTenSeconds, 503).delayNanos()))
        .isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
    assertThat(UrlConnectionSender.RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", 429).delayNanos()).isZero();
    assertThat(UrlConnectionSender.RetryAfter.parse("soon", 429)).isNull();
    assertThat(UrlConnectionSender.RetryAfter.parse(null, 429)).isNull();
  }
}
