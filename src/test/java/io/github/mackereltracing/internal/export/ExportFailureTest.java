package io.github.mackereltracing.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.MackerelTracing;
import io.github.mackereltracing.testing.LogCapture;
import io.github.mackereltracing.testing.OtlpReceiver;
import io.github.mackereltracing.testing.TestDeployment;
import io.github.mackereltracing.testing.TestKeys;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What happens, and what the user reads, when Mackerel (a real receiver here) does not take the spans. */
class ExportFailureTest {
  static final String KEY = TestKeys.key("export");

  static TestDeployment deployment(String endpoint) throws Exception {
    return deployment(endpoint, "20");
  }

  static TestDeployment deployment(String endpoint, String scheduleDelayMillis) throws Exception {
    return TestDeployment.create("exporting", Map.of(
        "mackerel.api-key", KEY,
        "otel.exporter.otlp.traces.endpoint", endpoint,
        "otel.bsp.schedule.delay", scheduleDelayMillis));
  }

  static void spans(TestDeployment app, String name, int count) throws Exception {
    app.call(() -> {
      for (int i = 0; i < count; i++) {
        MackerelTracing.openTelemetry().getTracer("t").spanBuilder(name).startSpan().end();
      }
      return null;
    });
  }

  @Test
  void aRejectedKeyIsReportedOnceWithWhatToDoAndTheKeyMasked() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver(); LogCapture log = LogCapture.library()) {
      receiver.respondWith(403);
      try (TestDeployment app = deployment(receiver.tracesUrl())) {
        spans(app, "first", 1);
        waitForRequests(receiver, 1);
        spans(app, "second", 1);
        waitForRequests(receiver, 2);
      }
      assertThat(log.lines(Level.SEVERE)).singleElement().asString()
          .contains("HTTP 403", "rejected", "Write permission", "****cdef");
      assertThat(log.linesAt(Level.WARNING)).isNotEmpty().allSatisfy(line ->
          assertThat(line).contains("could not be delivered", "HTTP 403"));
      assertThat(log.all()).doesNotContain(KEY);
      // 403 is not worth retrying: one request per batch.
      assertThat(receiver.requests()).hasSize(2);
    }
  }

  @Test
  void unavailableEndpointIsRetriedAndTheSpansArrive() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver(); LogCapture log = LogCapture.library()) {
      receiver.respondNextWith(503, 502);
      try (TestDeployment app = deployment(receiver.tracesUrl())) {
        spans(app, "retried", 3);
        receiver.awaitSpan(s -> s.name().equals("retried"), Duration.ofSeconds(20));
      }
      assertThat(receiver.requests()).hasSize(3);
      assertThat(receiver.spans()).hasSize(3);
      assertThat(log.linesAt(Level.WARNING)).isEmpty();
    }
  }

  @Test
  void badRequestIsNotRetriedAndTheLossIsCounted() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver(); LogCapture log = LogCapture.library()) {
      receiver.respondWith(400);
      // One batch, sent by the undeploy's flush.
      try (TestDeployment app = deployment(receiver.tracesUrl(), "600000")) {
        spans(app, "refused", 5);
      }
      assertThat(receiver.requests()).hasSize(1);
      assertThat(String.join("\n", log.linesAt(Level.WARNING))).contains("5 span(s) could not be delivered", "HTTP 400");
    }
  }

  @Test
  void anUnreachableEndpointNeverHoldsTheUndeployBeyondItsBound() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (LogCapture log = LogCapture.library()) {
      long start = System.nanoTime();
      try (TestDeployment app = deployment("http://127.0.0.1:" + closedPort + "/v1/traces")) {
        spans(app, "lost", 2);
      }
      // The bound is the SDK's 10 s shutdown wait; a hang would take the exporter's whole retry budget or more.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      assertThat(String.join("\n", log.linesAt(Level.WARNING))).contains("could not be delivered", "ConnectException");
    }
  }

  /**
   * The endpoint accepts the connection and never answers. The undeploy waits for the flush at most its
   * 10 s, then lets go; the spans it could not send are counted in the last line, so that every span is
   * either delivered or counted even then.
   */
  @Test
  void aHangingEndpointNeverHoldsTheUndeployBeyondItsBoundAndTheSpansLeftAreCounted() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver(); LogCapture log = LogCapture.library()) {
      receiver.respondAfter(Duration.ofMinutes(5));
      long start;
      try (TestDeployment app = deployment(receiver.tracesUrl())) {
        spans(app, "stuck", 3000); // more than the queue holds (2048): some are dropped at once
        Thread.sleep(1000); // the first batch is sent within 20 ms, and hangs (the receiver records it only after)
        start = System.nanoTime();
      }
      Duration undeploy = Duration.ofNanos(System.nanoTime() - start);
      assertThat(undeploy).isLessThan(Duration.ofSeconds(15));
      long counted = 0;
      for (String line : log.linesAt(Level.WARNING)) {
        Matcher m = COUNTED.matcher(line);
        while (m.find()) {
          counted += Long.parseLong(m.group(1));
        }
      }
      assertThat(counted).as("%s", log.linesAt(Level.WARNING)).isEqualTo(3000);
      assertThat(String.join("\n", log.linesAt(Level.WARNING)))
          .contains("were dropped because the export queue was full", "still queued or being sent");
    }
  }

  static final Pattern COUNTED = Pattern.compile("(\\d+) span\\(s\\) (could not be delivered|were dropped|were still queued)");

  static void waitForRequests(OtlpReceiver receiver, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (receiver.requests().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(receiver.requests()).hasSizeGreaterThanOrEqualTo(count);
  }
}
