package io.github.mackereltracing.internal.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends OTLP requests with {@link HttpURLConnection}, on the thread that exports: the batch processor's
 * worker, which waits for each export anyway. A deployment's tracing then runs on that one thread. The JDK's
 * {@code HttpClient}, which the SDK's own sender uses, starts a selector thread and worker threads per client,
 * and that sender an executor of its own: six threads per deployment in all (docs/BENCHMARKS.md), sixty in a
 * server with ten applications. Connections are kept alive by the JDK's pool, shared by the whole JVM.
 *
 * <p>gzip is done at its fastest level (see {@link #compress}). Retries as the SDK's senders do: HTTP 429, 502, 503 and 504 and connection failures, up to the retry
 * policy's attempts, with exponential backoff and jitter; a {@code Retry-After} in seconds is honoured up to
 * the policy's longest backoff, since the worker waits meanwhile. An interrupted worker (undeploy) stops
 * retrying at once.
 */
final class UrlConnectionSender implements HttpSender {
  private static final int[] RETRYABLE_STATUSES = {429, 502, 503, 504};

  private final URL endpoint;
  private final String contentType;
  private final Compressor compressor; // null: none
  private final int connectTimeoutMillis;
  private final int readTimeoutMillis;
  private final Supplier<Map<String, List<String>>> headers;
  private final RetryPolicy retryPolicy; // null: no retries
  private final Predicate<IOException> retryableException;
  private final Proxy proxy; // null: the JVM's default choice
  private final SSLSocketFactory sslSocketFactory; // null: the JVM's default
  private final long maxResponseBodySize;
  private volatile boolean shutdown;

  UrlConnectionSender(
      URL endpoint,
      String contentType,
      Compressor compressor,
      Duration connectTimeout,
      Duration timeout,
      Supplier<Map<String, List<String>>> headers,
      RetryPolicy retryPolicy,
      Proxy proxy,
      SSLSocketFactory sslSocketFactory,
      long maxResponseBodySize) {
    this.endpoint = endpoint;
    this.contentType = contentType;
    this.compressor = compressor;
    this.readTimeoutMillis = millis(timeout);
    // The connection is part of the request: it cannot take longer than the whole.
    this.connectTimeoutMillis = Math.min(millis(connectTimeout), readTimeoutMillis);
    this.headers = headers;
    this.retryPolicy = retryPolicy;
    Predicate<IOException> predicate = retryPolicy == null ? null : retryPolicy.getRetryExceptionPredicate();
    this.retryableException = predicate != null ? predicate : UrlConnectionSender::isRetryable;
    this.proxy = proxy;
    this.sslSocketFactory = sslSocketFactory;
    this.maxResponseBodySize = maxResponseBodySize;
  }

  /** 0 means "no timeout" to HttpURLConnection: a zero or absent duration gets the SDK's default, 10 s. */
  private static int millis(Duration duration) {
    long millis = duration == null || duration.isZero() || duration.isNegative() ? 10_000 : duration.toMillis();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
  }

  @Override
  public void send(MessageWriter message, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
    HttpResponse response;
    try {
      if (shutdown) {
        throw new IOException("the sender is shut down");
      }
      response = sendWithRetries(body(message));
    } catch (IOException | RuntimeException e) {
      onError.accept(e);
      return;
    }
    onResponse.accept(response);
  }

  /** The request body, compressed, written once: retries send the same bytes. */
  private byte[] body(MessageWriter message) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(
        compressor == null ? Math.max(64, message.getContentLength()) : Math.max(64, message.getContentLength() / 4));
    if (compressor == null) {
      message.writeMessage(buffer);
    } else {
      try (OutputStream out = compress(buffer)) {
        message.writeMessage(out);
      }
    }
    return buffer.toByteArray();
  }

  /**
   * gzip at its fastest level rather than the SDK's default: deflating took as much CPU as serializing (the
   * export benchmark in docs/BENCHMARKS.md), and spans compress so well that the fastest level still sends
   * a small fraction of the raw bytes. Any other compressor is used as configured.
   */
  private OutputStream compress(OutputStream out) throws IOException {
    return "gzip".equals(compressor.getEncoding()) ? new FastGzip(out) : compressor.compress(out);
  }

  /** gzip with {@link Deflater#BEST_SPEED}: the same format, the same Content-Encoding. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 8192);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  private HttpResponse sendWithRetries(byte[] body) throws IOException {
    int attempts = retryPolicy == null ? 1 : Math.max(1, retryPolicy.getMaxAttempts());
    for (int attempt = 1; ; attempt++) {
      Response response;
      try {
        response = sendOnce(body);
      } catch (IOException e) {
        if (attempt >= attempts || !retryableException.test(e)) {
          throw e;
        }
        pause(backoffNanos(attempt, -1));
        continue;
      }
      if (attempt >= attempts || !isRetryable(response.statusCode)) {
        return response;
      }
      pause(backoffNanos(attempt, response.retryAfterSeconds));
    }
  }

  private Response sendOnce(byte[] body) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) (proxy == null ? endpoint.openConnection() : endpoint.openConnection(proxy));
    if (sslSocketFactory != null && connection instanceof HttpsURLConnection https) {
      https.setSSLSocketFactory(sslSocketFactory);
    }
    connection.setConnectTimeout(connectTimeoutMillis);
    connection.setReadTimeout(readTimeoutMillis);
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setUseCaches(false);
    connection.setInstanceFollowRedirects(false);
    connection.setFixedLengthStreamingMode(body.length);
    connection.setRequestProperty("Content-Type", contentType);
    if (compressor != null) {
      connection.setRequestProperty("Content-Encoding", compressor.getEncoding());
    }
    Map<String, List<String>> extra = headers == null ? null : headers.get();
    if (extra != null) {
      extra.forEach((name, values) -> values.forEach(value -> connection.addRequestProperty(name, value)));
    }
    try {
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      int status = connection.getResponseCode();
      String message = connection.getResponseMessage();
      long retryAfter = retryAfterSeconds(connection.getHeaderField("Retry-After"));
      InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
      // Read to the end, so that the JDK can keep the connection for the next export.
      byte[] responseBody = in == null ? new byte[0] : read(in);
      return new Response(status, message == null ? "" : message, responseBody, retryAfter);
    } catch (IOException | RuntimeException e) {
      connection.disconnect(); // a connection in an unknown state is not reused
      throw e;
    }
  }

  private byte[] read(InputStream in) throws IOException {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] chunk = new byte[1024];
      long total = 0;
      for (int n; (n = in.read(chunk)) > 0; ) {
        total += n;
        if (total <= maxResponseBodySize) {
          out.write(chunk, 0, n);
        }
      }
      return out.toByteArray();
    }
  }

  /** Exponential backoff with full jitter, as the SDK's senders; a server's Retry-After when it gave one. */
  private long backoffNanos(int attempt, long retryAfterSeconds) {
    long max = retryPolicy.getMaxBackoff().toNanos();
    if (retryAfterSeconds >= 0) {
      return Math.min(TimeUnit.SECONDS.toNanos(retryAfterSeconds), max);
    }
    double backoff = retryPolicy.getInitialBackoff().toNanos()
        * Math.pow(retryPolicy.getBackoffMultiplier(), attempt - 1);
    long bound = (long) Math.min(backoff, max);
    return bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound);
  }

  private static void pause(long nanos) throws InterruptedIOException {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("export interrupted while waiting to retry");
    }
  }

  /** Seconds from a Retry-After header, or -1 (absent, or an HTTP date: then our own backoff applies). */
  static long retryAfterSeconds(String header) {
    if (header == null) {
      return -1;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds >= 0 ? seconds : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static boolean isRetryable(int status) {
    for (int retryable : RETRYABLE_STATUSES) {
      if (status == retryable) {
        return true;
      }
    }
    return false;
  }

  /** Failures to reach the endpoint, which a later attempt may not meet. */
  static boolean isRetryable(IOException e) {
    if (e instanceof ConnectException || e instanceof SocketTimeoutException || e instanceof NoRouteToHostException) {
      return true;
    }
    String message = e.getMessage();
    return e instanceof SocketException && message != null
        && message.toLowerCase(Locale.ROOT).contains("connection reset");
  }

  @Override
  public CompletableResultCode shutdown() {
    shutdown = true;
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public String toString() {
    return "UrlConnectionSender{" + endpoint + "}";
  }

  /** One response as the exporter reads it. */
  private record Response(int statusCode, String statusMessage, byte[] responseBody, long retryAfterSeconds)
      implements HttpResponse {
    @Override
    public int getStatusCode() {
      return statusCode;
    }

    @Override
    public String getStatusMessage() {
      return statusMessage;
    }

    @Override
    public byte[] getResponseBody() {
      return responseBody;
    }
  }
}
