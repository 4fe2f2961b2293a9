package io.github.mackereltracing.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.MackerelTracing;
import io.github.mackereltracing.testing.LogCapture;
import io.github.mackereltracing.testing.OtlpReceiver;
import io.github.mackereltracing.testing.TestDeployment;
import io.github.mackereltracing.testing.TestKeys;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        spans(app, "stuck", 12_000); // more than the queue holds (8192) and the batch sent: some dropped at once
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
      assertThat(counted).as("%s", log.linesAt(Level.WARNING)).isEqualTo(12_000);
      assertThat(String.join("\n", log.linesAt(Level.WARNING)))
          .contains("were dropped because the export queue was full", "still queued or being sent");
    }
  }

  /**
   * The endpoint answers one byte a second and the exporter's timeout (60 s) outlasts the undeploy's 10 s
   * wait for the flush. When the wait is over, the export in flight is cut off and nothing more is sent:
   * the deployment's worker thread is gone, and with it the last hold on its class loader.
   */
  @Test
  void anUndeployThatStopsWaitingLeavesNoThreadOfTheDeploymentRunning() throws Exception {
    try (RawPeer peer = RawPeer.trickling(Duration.ofSeconds(1)); LogCapture log = LogCapture.library()) {
      Set<Thread> before = Thread.getAllStackTraces().keySet();
      long start;
      try (TestDeployment app = TestDeployment.create("trickled", Map.of(
          "mackerel.api-key", KEY,
          "otel.exporter.otlp.traces.endpoint", peer.url(),
          "otel.exporter.otlp.traces.timeout", "60s",
          "otel.bsp.schedule.delay", "20"))) {
        spans(app, "trickled", 600); // more than a batch: the flush has more to send after the first
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (peer.requests.get() == 0 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat(peer.requests.get()).isPositive();
        start = System.nanoTime();
      }
      Duration undeploy = Duration.ofNanos(System.nanoTime() - start);
      List<String> left = threadsStartedSince(before, Duration.ofSeconds(2));
      System.out.printf("undeploy with a trickling endpoint: %d ms; threads of ours left after it: %s%n",
          undeploy.toMillis(), left);
      assertThat(left).isEmpty();
      assertThat(undeploy).isLessThan(Duration.ofSeconds(15));
      assertThat(sumCounted(log)).isEqualTo(600);
    }
  }

  /**
   * A 429 asking for a minute: the batch is not asked again within seconds, the batches of that minute are
   * not sent, and every span is counted.
   */
  @Test
  void a429AskingForAMinuteIsHonouredAndTheSpansOfThatMinuteCounted() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver(); LogCapture log = LogCapture.library()) {
      receiver.respondWith(429);
      receiver.retryAfter("60");
      try (TestDeployment app = deployment(receiver.tracesUrl())) {
        spans(app, "first", 3);
        waitForRequests(receiver, 1);
        Thread.sleep(300); // time enough for the retries that must not come
        spans(app, "second", 3);
        Thread.sleep(300);
      }
      assertThat(receiver.requests()).hasSize(1);
      assertThat(sumCounted(log)).isEqualTo(6);
      assertThat(String.join("\n", log.linesAt(Level.WARNING))).contains("Retry-After 60 s");
    }
  }

  /** The threads started since {@code before} still alive after {@code grace}, but the JVM's own and the test's. */
  static List<String> threadsStartedSince(Set<Thread> before, Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    List<String> left;
    do {
      left = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> !before.contains(t) && t.isAlive())
          .map(Thread::getName)
          .filter(name -> !OneThreadPerDeploymentTest.isJvmWide(name)
              && !name.equals(OtlpReceiver.RECEIVER_THREAD) && !name.equals(RawPeer.THREAD))
          .toList();
      if (!left.isEmpty()) {
        Thread.sleep(50);
      }
    } while (!left.isEmpty() && System.nanoTime() < deadline);
    return left;
  }

  static long sumCounted(LogCapture log) {
    long counted = 0;
    for (String line : log.linesAt(Level.WARNING)) {
      Matcher m = COUNTED.matcher(line);
      while (m.find()) {
        counted += Long.parseLong(m.group(1));
      }
    }
    return counted;
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
