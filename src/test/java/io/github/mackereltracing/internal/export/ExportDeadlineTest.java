package io.github.mackereltracing.internal.export;

import static io.github.mackereltracing.internal.export.UrlConnectionSenderTest.quickRetries;
import static io.github.mackereltracing.internal.export.UrlConnectionSenderTest.sender;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.testing.OtlpReceiver;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The whole export, every attempt included, ends within the exporter's timeout, whatever the peer does:
 * real loopback peers that never read, answer a byte a second, never accept, or keep failing slowly.
 * Each test waits at most 15 s for an export that must end within a few seconds; before the deadline
 * existed, the first two never ended at all.
 */
class ExportDeadlineTest {
  /** Far more than loopback's socket buffers (4 MB send, 1 KB receive here) take, and incompressible. */
  static MessageWriter largeMessage() {
    byte[] bytes = new byte[16 * 1024 * 1024];
    new Random(18).nextBytes(bytes);
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

  /** What one export ended with, and how long it took. */
  record Outcome(Throwable error, int status, Duration took) {}

  /** Sends on a thread of its own (the worker's role) and waits at most 15 s for the outcome. */
  static Outcome export(UrlConnectionSender sender, MessageWriter message, Runnable meanwhile) throws Exception {
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    long start = System.nanoTime();
    Thread worker = new Thread(() -> sender.send(message,
        r -> outcome.complete(new Outcome(null, r.getStatusCode(), Duration.ofNanos(System.nanoTime() - start))),
        e -> outcome.complete(new Outcome(e, 0, Duration.ofNanos(System.nanoTime() - start)))), "test-export");
    worker.setDaemon(true);
    worker.start();
    meanwhile.run();
    try {
      Outcome result = outcome.get(15, TimeUnit.SECONDS);
      System.out.printf("export ended after %d ms: %s%n", result.took.toMillis(),
          result.error != null ? result.error : "HTTP " + result.status);
      return result;
    } finally {
      worker.interrupt();
    }
  }

  @Test
  void aPeerThatNeverReadsCostsTheTimeoutNotForever() throws Exception {
    try (RawPeer peer = RawPeer.neverReading()) {
      UrlConnectionSender sender = sender(peer.url(), null, Duration.ofSeconds(1), quickRetries(5));

      Outcome outcome = export(sender, largeMessage(), () -> { });

      assertThat(outcome.error).isInstanceOf(IOException.class).hasMessageContaining("export timeout of 1000 ms");
      assertThat(outcome.took).isLessThan(Duration.ofMillis(1000 + 2000));
      assertThat(peer.connections.get()).isEqualTo(1); // no time was left for a second attempt
    }
  }

  @Test
  void aPeerThatTricklesItsAnswerCostsTheTimeout() throws Exception {
    try (RawPeer peer = RawPeer.trickling(Duration.ofSeconds(1))) {
      // Each byte comes well within the 2 s, as a read timeout sees it; the answer would take 4 minutes.
      UrlConnectionSender sender = sender(peer.url(), null, Duration.ofSeconds(2), quickRetries(5));

      Outcome outcome = export(sender, UrlConnectionSenderTest.message("x"), () -> { });

      assertThat(outcome.error).isInstanceOf(IOException.class).hasMessageContaining("export timeout of 2000 ms");
      assertThat(outcome.took).isLessThan(Duration.ofMillis(2000 + 2000));
    }
  }

  /** A listener whose accept queue is full: the kernel drops further SYNs, as a firewall that drops them does. */
  @Test
  void aBlackHoleCostsTheTimeoutNotEveryAttempt() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> filling = new ArrayList<>();
      try {
        for (int i = 0; i < 16; i++) {
          Socket s = new Socket();
          filling.add(s);
          try {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 300);
          } catch (IOException full) {
            break; // connects now hang: a black hole
          }
        }
        // Connect timeout 1 s (the helper's), export timeout 1.5 s, 5 attempts: without a bound on the
        // whole, each attempt spent its connect timeout (about 5 s here, a minute with the defaults).
        UrlConnectionSender sender = sender("http://127.0.0.1:" + listener.getLocalPort() + "/v1/traces", null,
            Duration.ofMillis(1500), quickRetries(5));

        Outcome outcome = export(sender, UrlConnectionSenderTest.message("x"), () -> { });

        assertThat(outcome.error).isInstanceOf(IOException.class);
        assertThat(outcome.took).isLessThan(Duration.ofMillis(1500 + 1500));
      } finally {
        for (Socket s : filling) {
          s.close();
        }
      }
    }
  }

  @Test
  void retriesOfASlowFailingEndpointStayWithinTheTimeout() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      receiver.respondWith(503);
      receiver.respondAfter(Duration.ofMillis(400));
      // 5 attempts of 400 ms each would take 2 s; the timeout is 1 s for all of them.
      UrlConnectionSender sender = sender(receiver.baseUrl() + "/v1/logs", null, Duration.ofSeconds(1), quickRetries(5));

      Outcome outcome = export(sender, UrlConnectionSenderTest.message("x"), () -> { });

      assertThat(outcome.took).isLessThan(Duration.ofMillis(1000 + 1000));
      assertThat(receiver.requests()).hasSizeLessThanOrEqualTo(3);
    }
  }

  @Test
  void shutdownCutsOffAnExportInFlight() throws Exception {
    try (RawPeer peer = RawPeer.neverReading()) {
      UrlConnectionSender sender = sender(peer.url(), null, Duration.ofSeconds(60), RetryPolicy.getDefault());

      Outcome outcome = export(sender, largeMessage(), () -> {
        try {
          Thread.sleep(500); // blocked writing by now
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        sender.shutdown();
      });

      assertThat(outcome.error).isInstanceOf(InterruptedIOException.class).hasMessageContaining("shut down");
      assertThat(outcome.took).isLessThan(Duration.ofSeconds(5));
    }
  }
}
