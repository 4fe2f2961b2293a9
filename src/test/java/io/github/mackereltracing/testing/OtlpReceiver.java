package io.github.mackereltracing.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A real OTLP/HTTP receiver on loopback: it decodes what arrives (gzip and protobuf) so that tests assert
 * what Mackerel or a Collector would receive.
 */
public final class OtlpReceiver implements AutoCloseable {
  /** One HTTP request as it arrived. */
  public record Received(
      String method, String path, Map<String, List<String>> headers, byte[] rawBody, ExportTraceServiceRequest request,
      int answeredWith) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** A span with the resource it came with. */
  public record ReceivedSpan(ResourceSpans resource, ScopeSpans scope, Span span) {
    public String name() {
      return span.getName();
    }

    public String attribute(String key) {
      return OtlpReceiver.attribute(span.getAttributesList(), key);
    }

    public String resourceAttribute(String key) {
      return OtlpReceiver.attribute(resource.getResource().getAttributesList(), key);
    }
  }

  /** The name of the threads that answer requests. */
  public static final String RECEIVER_THREAD = "otlp-receiver";

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private final java.util.Queue<Integer> scripted = new java.util.concurrent.ConcurrentLinkedQueue<>();

  public OtlpReceiver() throws IOException {
    this(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
  }

  /** A receiver on {@code https://127.0.0.1:port}, with the key and certificate of {@code tls}. */
  public static OtlpReceiver https(javax.net.ssl.SSLContext tls) throws IOException {
    com.sun.net.httpserver.HttpsServer server =
        com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
    return new OtlpReceiver(server);
  }

  /** A receiver on {@code https://127.0.0.1:port} that refuses clients without a certificate {@code tls} trusts. */
  public static OtlpReceiver httpsWithClientCertificates(javax.net.ssl.SSLContext tls) throws IOException {
    com.sun.net.httpserver.HttpsServer server =
        com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls) {
      @Override
      public void configure(com.sun.net.httpserver.HttpsParameters parameters) {
        javax.net.ssl.SSLParameters ssl = tls.getDefaultSSLParameters();
        ssl.setNeedClientAuth(true);
        parameters.setSSLParameters(ssl);
      }
    });
    return new OtlpReceiver(server);
  }

  private OtlpReceiver(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    // Named, so that tests counting the threads a deployment starts can tell the receiver's apart.
    server.setExecutor(Executors.newFixedThreadPool(2, task -> new Thread(task, RECEIVER_THREAD)));
    server.start();
  }

  /** The traces URL, e.g. {@code http://127.0.0.1:4711/v1/traces}. */
  public String tracesUrl() {
    return baseUrl() + "/v1/traces";
  }

  public String baseUrl() {
    return (server instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http") + "://127.0.0.1:"
        + server.getAddress().getPort();
  }

  /** The HTTP status every later request is answered with. */
  public void respondWith(int status) {
    this.status = status;
  }

  private volatile long delayMillis;

  /** Every later request is answered only after {@code delay}: a slow endpoint. */
  public void respondAfter(Duration delay) {
    this.delayMillis = delay.toMillis();
  }

  private volatile String retryAfter;

  /** Every later answer carries {@code Retry-After: value} (null: none). */
  public void retryAfter(String value) {
    this.retryAfter = value;
  }

  /** The statuses the next requests get, one each, before falling back to {@link #respondWith}. */
  public void respondNextWith(int... statuses) {
    for (int s : statuses) {
      scripted.add(s);
    }
  }

  public List<Received> requests() {
    return List.copyOf(received);
  }

  /** The spans of every request that was accepted (answered 2xx). */
  public List<ReceivedSpan> spans() {
    List<ReceivedSpan> spans = new ArrayList<>();
    for (Received r : received) {
      if (r.request() == null || r.answeredWith() / 100 != 2) {
        continue;
      }
      for (ResourceSpans rs : r.request().getResourceSpansList()) {
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          for (Span span : ss.getSpansList()) {
            spans.add(new ReceivedSpan(rs, ss, span));
          }
        }
      }
    }
    return spans;
  }

  /** Waits up to {@code timeout} until a span matches; returns it, or fails. */
  public ReceivedSpan awaitSpan(Predicate<ReceivedSpan> matching, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (ReceivedSpan span : spans()) {
        if (matching.test(span)) {
          return span;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no matching span arrived within " + timeout + "; received: " + spanNames());
  }

  public List<String> spanNames() {
    return spans().stream().map(ReceivedSpan::name).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      byte[] body = raw;
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      if ("gzip".equalsIgnoreCase(encoding)) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
          body = in.readAllBytes();
        }
      }
      ExportTraceServiceRequest request = null;
      if (exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
        request = ExportTraceServiceRequest.parseFrom(body);
        SecretWatch.spanText("spans received by OtlpReceiver", request.toString());
      }
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      Integer next = scripted.poll();
      int code = next != null ? next : status;
      received.add(new Received(
          exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          Map.copyOf(exchange.getRequestHeaders()), raw, request, code));
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      String wait = retryAfter;
      if (wait != null) {
        exchange.getResponseHeaders().add("Retry-After", wait);
      }
      exchange.sendResponseHeaders(code, -1);
    }
  }

  static String attribute(List<KeyValue> attributes, String key) {
    for (KeyValue kv : attributes) {
      if (kv.getKey().equals(key)) {
        AnyValue v = kv.getValue();
        switch (v.getValueCase()) {
          case STRING_VALUE: return v.getStringValue();
          case INT_VALUE: return Long.toString(v.getIntValue());
          case BOOL_VALUE: return Boolean.toString(v.getBoolValue());
          case DOUBLE_VALUE: return Double.toString(v.getDoubleValue());
          default: return v.toString();
        }
      }
    }
    return null;
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
