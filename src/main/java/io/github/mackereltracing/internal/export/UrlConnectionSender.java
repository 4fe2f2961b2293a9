package io.github.mackereltracing.internal.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import jakarta.annotation.Nullable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends OTLP requests with {@link HttpURLConnection}, on the thread that exports: the batch processor's
 * worker, which waits for each export anyway. A deployment's tracing then runs on that one thread. The JDK's
 * {@code HttpClient}, which the SDK's own sender uses, starts a selector thread and worker threads per client,
 * and that sender an executor of its own: six threads per deployment in all (docs/BENCHMARKS.md), sixty in a
 * server with ten applications. Connections are kept alive by the JDK's pool, shared by the whole JVM.
 *
 * <p><b>Bounds.</b> The whole export, every attempt and every wait between attempts, ends within the
 * exporter's timeout ({@code otel.exporter.otlp[.traces].timeout}, 10 s by default), as OkHttp's call timeout
 * bounds the SDK's other sender. Connect and read timeouts are set from the time left; a write that the peer
 * never reads and a peer that trickles its answer byte by byte have no timeout in {@code HttpURLConnection},
 * so {@link ExportWatchdog} closes the connection at the deadline (on the JDK's own scheduler thread: no
 * thread of ours). {@link #shutdown()} does the same at once, so that an undeploy that stopped waiting for
 * the flush leaves no export running.
 *
 * <p><b>Retries</b> as the SDK's senders: HTTP 429, 502, 503 and 504 and I/O failures (but TLS ones), up to
 * the retry policy's attempts, with exponential backoff and jitter, while the deadline leaves time for them.
 * A {@code Retry-After} (seconds or an HTTP date) is waited for when it ends before the deadline; when it
 * does not, the batch is given up and nothing is sent until that time (at most {@link #MAX_RETRY_AFTER}):
 * the batches due meanwhile fail at once, counted like any other loss, rather than asking again earlier than
 * the endpoint said. A kept-alive connection that the server had closed ("Unexpected end of file from
 * server", "Connection reset") is retried once at once on a new one, without counting as an attempt.
 *
 * <p>gzip is done at its fastest level (see {@link #compress}). An interrupted worker stops retrying at once.
 */
final class UrlConnectionSender implements HttpSender {
  /** The longest {@code Retry-After} honoured; a longer one (a misconfigured proxy) is cut to this. */
  static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
  private static final int[] RETRYABLE_STATUSES = {429, 502, 503, 504};
  /** The largest body buffer kept between exports (a batch of 512 typical spans, gzipped, is about 20 KB). */
  private static final int MAX_SPARE_BODY = 1 << 20;

  private final URL endpoint;
  private final String contentType;
  /** Null: none. */
  @Nullable private final Compressor compressor;
  private final long timeoutNanos;
  private final long connectTimeoutNanos;
  private final Supplier<Map<String, List<String>>> headers;
  /** Null: no retries. */
  @Nullable private final RetryPolicy retryPolicy;
  private final Predicate<IOException> retryableException;
  /** Null: the JVM's default choice. */
  @Nullable private final Proxy proxy;
  /** Null: plain HTTP. */
  @Nullable private final SSLSocketFactory sslSocketFactory;
  private final long maxResponseBodySize;
  private final Set<Exchange> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean shutdown;
  /** The endpoint asked, with Retry-After, that nothing be sent before this; null when it did not. */
  private volatile RetryAfter waitingUntil;
  /**
   * The body buffer of the last export, kept for the next: exports come one after the other from the batch
   * worker, and a fresh buffer for each (sized from the raw length, then copied out) was the largest
   * allocation of the export thread (issue 21). An export that finds it taken (a concurrent flush) makes its own.
   */
  private final AtomicReference<Body> spareBody = new AtomicReference<>();

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
    this.timeoutNanos = nanos(timeout);
    // The connection is part of the export: it cannot take longer than the whole.
    this.connectTimeoutNanos = Math.min(nanos(connectTimeout), timeoutNanos);
    this.headers = headers;
    this.retryPolicy = retryPolicy;
    Predicate<IOException> predicate = retryPolicy == null ? null : retryPolicy.getRetryExceptionPredicate();
    this.retryableException = predicate != null ? predicate : UrlConnectionSender::isRetryable;
    this.proxy = proxy;
    this.sslSocketFactory = sslSocketFactory;
    this.maxResponseBodySize = maxResponseBodySize;
  }

  /** A zero or absent duration ("no timeout" to the JDK) gets the SDK's default, 10 s. */
  private static long nanos(Duration duration) {
    return duration == null || duration.isZero() || duration.isNegative()
        ? TimeUnit.SECONDS.toNanos(10)
        : Math.max(TimeUnit.MILLISECONDS.toNanos(1), saturatedNanos(duration));
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4; // centuries: no deadline in practice, and no overflow when added to now
    }
  }

  @Override
  public void send(MessageWriter message, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
    HttpResponse response;
    try {
      if (shutdown) {
        throw new IOException("the sender is shut down");
      }
      RetryAfter waiting = waitingUntil;
      if (waiting != null) {
        if (waiting.untilNanos - System.nanoTime() > 0) {
          throw waiting.refusal();
        }
        waitingUntil = null;
      }
      Exchange exchange = new Exchange(System.nanoTime() + timeoutNanos);
      inFlight.add(exchange);
      try {
        if (shutdown) {
          exchange.abort(shutDownWhileSending()); // shut down since the check above
        }
        ExportWatchdog.Timer timer = ExportWatchdog.after(timeoutNanos, () -> exchange.abort(timedOut()));
        try {
          Body body = body(message);
          try {
            response = sendWithRetries(body, exchange);
          } finally {
            release(body);
          }
        } finally {
          timer.cancel();
        }
      } finally {
        inFlight.remove(exchange);
      }
    } catch (IOException | RuntimeException e) {
      onError.accept(e);
      return;
    }
    onResponse.accept(response);
  }

  private IOException timedOut() {
    return new SocketTimeoutException("no complete answer within the export timeout of "
        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (otel.exporter.otlp.timeout), retries included");
  }

  private static IOException shutDownWhileSending() {
    return new InterruptedIOException("the exporter was shut down (undeploy) while this export was being sent");
  }

  /** The request body, compressed, written once: retries send the same bytes. */
  private Body body(MessageWriter message) throws IOException {
    Body buffer = spareBody.getAndSet(null);
    if (buffer == null) {
      buffer = new Body(
          compressor == null ? Math.max(64, message.getContentLength()) : Math.max(64, message.getContentLength() / 4));
    }
    buffer.reset();
    if (compressor == null) {
      message.writeMessage(buffer);
    } else {
      try (OutputStream out = compress(buffer)) {
        message.writeMessage(out);
      }
    }
    return buffer;
  }

  /** Keeps {@code body} for the next export, unless it grew past what is worth holding between exports. */
  private void release(Body body) {
    if (body.capacity() <= MAX_SPARE_BODY) {
      spareBody.set(body);
    }
  }

  /** A body buffer whose bytes are sent where they are, without the copy {@link #toByteArray} makes. */
  private static final class Body extends ByteArrayOutputStream {
    Body(int size) {
      super(size);
    }

    byte[] bytes() {
      return buf;
    }

    int length() {
      return count;
    }

    int capacity() {
      return buf.length;
    }
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

  private HttpResponse sendWithRetries(Body body, Exchange exchange) throws IOException {
    int attempts = retryPolicy == null ? 1 : Math.max(1, retryPolicy.getMaxAttempts());
    boolean reconnected = false;
    for (int attempt = 1; ; attempt++) {
      Response response;
      try {
        response = sendOnce(body, exchange);
      } catch (IOException e) {
        if (exchange.aborted()) {
          throw e;
        }
        if (!reconnected && closedWhileIdle(e)) {
          // A kept-alive connection the server had closed: not the endpoint failing, so at once and
          // without counting an attempt (the JDK does not retry a streamed POST by itself).
          reconnected = true;
          attempt--;
          continue;
        }
        if (attempt >= attempts || !retryableException.test(e)) {
          throw e;
        }
        long pause = backoffNanos(attempt);
        if (pause >= exchange.remainingNanos()) {
          throw e; // no time left for another attempt
        }
        exchange.pause(pause);
        continue;
      }
      if (!isRetryable(response.statusCode)) {
        return response;
      }
      long pause = response.retryAfter != null ? response.retryAfter.delayNanos : backoffNanos(attempt);
      if (attempt >= attempts || pause >= exchange.remainingNanos()) {
        if (response.retryAfter != null) {
          // Given up before the time the endpoint asked for: send nothing until then.
          waitingUntil = response.retryAfter;
        }
        return response;
      }
      exchange.pause(pause);
    }
  }

  private Response sendOnce(Body body, Exchange exchange) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) (proxy == null ? endpoint.openConnection() : endpoint.openConnection(proxy));
    if (sslSocketFactory != null && connection instanceof HttpsURLConnection https) {
      https.setSSLSocketFactory(sslSocketFactory);
      https.setHostnameVerifier(ExporterTls.REFUSE_MISMATCH);
    }
    long remaining = exchange.remainingNanos();
    connection.setConnectTimeout(millis(Math.min(connectTimeoutNanos, remaining)));
    connection.setReadTimeout(millis(remaining));
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setUseCaches(false);
    connection.setInstanceFollowRedirects(false);
    connection.setFixedLengthStreamingMode(body.length());
    connection.setRequestProperty("Content-Type", contentType);
    if (compressor != null) {
      connection.setRequestProperty("Content-Encoding", compressor.getEncoding());
    }
    Map<String, List<String>> extra = headers == null ? null : headers.get();
    if (extra != null) {
      extra.forEach((name, values) -> values.forEach(value -> connection.addRequestProperty(name, value)));
    }
    try {
      exchange.use(connection);
      try (OutputStream out = connection.getOutputStream()) {
        // Connected: a watchdog that fired while connecting found nothing to close yet.
        exchange.throwIfAborted();
        out.write(body.bytes(), 0, body.length());
      }
      // A write cut off by the watchdog can return quietly (the JDK's stream keeps the error to itself); and
      // asking a disconnected connection for its response would open a new one. So look first.
      exchange.throwIfAborted();
      int status = connection.getResponseCode();
      String message = connection.getResponseMessage();
      RetryAfter retryAfter = RetryAfter.parse(connection.getHeaderField("Retry-After"), status);
      InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
      // Read to the end, so that the JDK can keep the connection for the next export.
      byte[] responseBody = in == null ? new byte[0] : read(in);
      return new Response(status, message == null ? "" : message, responseBody, retryAfter);
    } catch (IOException | RuntimeException e) {
      connection.disconnect(); // a connection in an unknown state is not reused
      throw exchange.failure(e);
    } finally {
      exchange.use(null);
    }
  }

  private static int millis(long nanos) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos)));
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

  /** Exponential backoff with full jitter, as the SDK's senders. */
  private long backoffNanos(int attempt) {
    long max = retryPolicy.getMaxBackoff().toNanos();
    double backoff = retryPolicy.getInitialBackoff().toNanos()
        * Math.pow(retryPolicy.getBackoffMultiplier(), attempt - 1);
    long bound = (long) Math.min(backoff, max);
    return bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound);
  }

  /** The server closed a connection kept alive for reuse: what reusing it then reports. */
  static boolean closedWhileIdle(IOException e) {
    String message = e.getMessage();
    if (message == null) {
      return false;
    }
    String lower = message.toLowerCase(Locale.ROOT);
    return lower.contains("unexpected end of file from server") || lower.contains("connection reset");
  }

  static boolean isRetryable(int status) {
    for (int retryable : RETRYABLE_STATUSES) {
      if (status == retryable) {
        return true;
      }
    }
    return false;
  }

  /**
   * As the SDK's senders: nearly every I/O failure is transient (refused, reset, timed out, a host name not
   * resolved yet); a TLS failure (an untrusted certificate, a host name that does not match) is not.
   */
  static boolean isRetryable(IOException e) {
    return !(e instanceof SSLException);
  }

  /** Stops at once: an export being sent is cut off (its connection closed), and nothing more is sent. */
  @Override
  public CompletableResultCode shutdown() {
    shutdown = true;
    for (Exchange exchange : inFlight) {
      exchange.abort(shutDownWhileSending());
    }
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public String toString() {
    return "UrlConnectionSender{" + endpoint + "}";
  }

  /**
   * One export: its deadline and the connection it is using, which {@link #abort} closes from another thread
   * (the watchdog at the deadline, or {@link #shutdown()}). The JDK's {@code disconnect()} closes the socket,
   * which ends a blocked write or read on the exporting thread with an exception.
   */
  private static final class Exchange {
    private final long deadlineNanos;
    private final Object lock = new Object();
    private HttpURLConnection connection; // guarded by lock
    private IOException abortedWith; // guarded by lock

    Exchange(long deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
    }

    long remainingNanos() {
      return deadlineNanos - System.nanoTime();
    }

    void use(HttpURLConnection next) throws IOException {
      synchronized (lock) {
        connection = next;
        if (next != null && abortedWith != null) {
          throw abortedWith;
        }
      }
    }

    void abort(IOException why) {
      HttpURLConnection current;
      synchronized (lock) {
        if (abortedWith != null) {
          return;
        }
        abortedWith = why;
        current = connection;
        lock.notifyAll(); // ends a pause between attempts
      }
      if (current != null) {
        current.disconnect();
      }
    }

    boolean aborted() {
      synchronized (lock) {
        return abortedWith != null;
      }
    }

    void throwIfAborted() throws IOException {
      synchronized (lock) {
        if (abortedWith != null) {
          throw abortedWith;
        }
      }
    }

    /** What the attempt that failed with {@code e} reports: why it was cut off, when it was. */
    IOException failure(Exception e) {
      synchronized (lock) {
        if (abortedWith != null) {
          if (abortedWith != e && abortedWith.getCause() == null) {
            abortedWith.initCause(e);
          }
          return abortedWith;
        }
      }
      return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }

    /** Waits before the next attempt; ends early, with an exception, when aborted or interrupted. */
    void pause(long nanos) throws IOException {
      long end = System.nanoTime() + nanos;
      synchronized (lock) {
        try {
          for (long left = nanos; abortedWith == null && left > 0; left = end - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(lock, left);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("export interrupted while waiting to retry");
        }
        if (abortedWith != null) {
          throw abortedWith;
        }
      }
    }
  }

  /** A server's {@code Retry-After}: how long it asked us to wait, from when it answered. */
  record RetryAfter(int status, long delayNanos, long untilNanos) {
    /** The header's wait (seconds or an HTTP date), at most {@link #MAX_RETRY_AFTER}; null when absent or unreadable. */
    static RetryAfter parse(String header, int status) {
      if (header == null || header.isBlank()) {
        return null;
      }
      long now = System.nanoTime();
      long millis;
      String value = header.strip();
      try {
        millis = TimeUnit.SECONDS.toMillis(Long.parseLong(value));
      } catch (NumberFormatException notSeconds) {
        try {
          millis = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli()
              - System.currentTimeMillis();
        } catch (DateTimeParseException notADate) {
          return null;
        }
      }
      long delay = TimeUnit.MILLISECONDS.toNanos(Math.max(0, Math.min(millis, MAX_RETRY_AFTER.toMillis())));
      return new RetryAfter(status, delay, now + delay);
    }

    IOException refusal() {
      return new RetryAfterException("HTTP " + status + " with Retry-After "
          + TimeUnit.NANOSECONDS.toSeconds(delayNanos + 999_999_999) + " s: not sent before that time");
    }
  }

  /** An export not attempted because the endpoint asked to wait ({@code Retry-After}). */
  static final class RetryAfterException extends IOException {
    private static final long serialVersionUID = 1L;

    RetryAfterException(String message) {
      super(message);
    }
  }

  /** One response as the exporter reads it. */
  private record Response(int statusCode, String statusMessage, byte[] responseBody, RetryAfter retryAfter)
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
