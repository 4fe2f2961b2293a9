package io.github.mackereltracing.benchmarks.export;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP traces receiver on loopback that reads each request, counts its bytes as sent and as
 * inflated, counts its spans, discards it and answers 200. Counting walks the protobuf just deep enough to
 * find the spans (ExportTraceServiceRequest.resource_spans.scope_spans.spans), without decoding them.
 */
public final class OtlpSink implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "otlp-sink");
    t.setDaemon(true);
    return t;
  });
  final AtomicLong requests = new AtomicLong();
  final AtomicLong spans = new AtomicLong();
  final AtomicLong sentBytes = new AtomicLong();
  final AtomicLong rawBytes = new AtomicLong();
  /** Answers without inflating or counting spans: a receiver that costs the machine next to nothing. */
  private final boolean discard;
  /** How long each export waits for its answer: a round trip to a remote endpoint (0: at once). */
  volatile long delayMillis;

  OtlpSink() throws IOException {
    this(0, false);
  }

  private OtlpSink(int port, boolean discard) throws IOException {
    this.discard = discard;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.createContext("/v1/traces", this::handle);
    server.createContext("/stats", this::stats);
    server.setExecutor(executor);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      long delay = delayMillis;
      if (delay > 0) {
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (discard) {
        requests.incrementAndGet();
        sentBytes.addAndGet(body.length);
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      byte[] raw = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
          ? inflate(body)
          : body;
      requests.incrementAndGet();
      sentBytes.addAndGet(body.length);
      rawBytes.addAndGet(raw.length);
      spans.addAndGet(countSpans(raw));
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, -1);
    }
  }

  /** {@code GET /stats}: "spans requests sent-bytes raw-bytes", for scripts. */
  private void stats(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = (spans.get() + " " + requests.get() + " " + sentBytes.get() + " " + rawBytes.get() + "\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  /**
   * A receiver on its own, for the whole-application runs: {@code OtlpSink <port> [--discard]}; stops when
   * killed. With {@code --discard} it decodes nothing (spans and raw bytes stay 0 in its stats).
   */
  public static void main(String[] args) throws Exception {
    OtlpSink sink = new OtlpSink(Integer.parseInt(args[0]), args.length > 1 && args[1].equals("--discard"));
    System.out.println("OTLP receiver on " + sink.endpoint());
    Thread.currentThread().join();
  }

  private static byte[] inflate(byte[] body) throws IOException {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body), 8192)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4);
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  /** Spans in an ExportTraceServiceRequest: field 1 (ResourceSpans), its field 2 (ScopeSpans), its field 2. */
  static long countSpans(byte[] message) {
    return count(message, 0, message.length, 0);
  }

  private static long count(byte[] b, int from, int to, int depth) {
    long found = 0;
    int[] pos = {from};
    while (pos[0] < to) {
      long key = varint(b, pos);
      int field = (int) (key >>> 3);
      int wire = (int) (key & 7);
      switch (wire) {
        case 0 -> varint(b, pos);
        case 1 -> pos[0] += 8;
        case 5 -> pos[0] += 4;
        case 2 -> {
          int length = (int) varint(b, pos);
          int start = pos[0];
          pos[0] += length;
          if (depth == 0 && field == 1) {
            found += count(b, start, start + length, 1); // ResourceSpans
          } else if (depth == 1 && field == 2) {
            found += count(b, start, start + length, 2); // ScopeSpans
          } else if (depth == 2 && field == 2) {
            found++; // Span
          }
        }
        default -> throw new IllegalArgumentException("wire type " + wire);
      }
    }
    return found;
  }

  private static long varint(byte[] b, int[] pos) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      byte next = b[pos[0]++];
      value |= (long) (next & 0x7f) << shift;
      if (next >= 0) {
        return value;
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
