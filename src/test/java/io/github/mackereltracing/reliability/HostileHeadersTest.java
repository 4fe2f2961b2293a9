package io.github.mackereltracing.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.testing.LogCapture;
import io.github.mackereltracing.testing.MemorySpanExporterProvider;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Generated malformed, oversized and hostile propagation headers ({@code traceparent}, {@code tracestate},
 * {@code baggage}, B3, Jaeger, OT), sent through the library's real servlet filter on embedded Jetty (which
 * here accepts request headers up to 64 KB, as some servers do). Whatever arrives: the request succeeds and
 * the application sees no exception; the SERVER span is made, continuing only a well-formed trace; the
 * baggage the application gets is bounded (W3C: 64 members, 8192 bytes); the library logs nothing; and no
 * request is pathologically slow. The inputs come from a seeded generator, so a failure is reproducible
 * ({@code -Dreliability.hostile.seed}); {@code -Dreliability.hostile.requests} sets how many.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileHeadersTest {
  static final long SEED = Long.getLong("reliability.hostile.seed", 20261125L);
  static final int REQUESTS = Integer.getInteger("reliability.hostile.requests", 400);
  /** Far above what a linear parser needs for 64 KB, far below what a quadratic one does. */
  static final Duration SLOW = Duration.ofSeconds(2);
  static final String ALPHABET =
      "0123456789abcdefABCDEF-=,;%:/. \t_*@!'\"()[]{}<>?&+$#~^|`\\xyzXYZgGqQ"; // visible ASCII, space, tab
  static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");

  private ShopApp app;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  void deploy() throws Exception {
    app = ShopApp.start(Map.of(
        "otel.sdk.disabled", "false",
        "otel.traces.exporter", MemorySpanExporterProvider.NAME,
        "otel.metrics.exporter", "none",
        "otel.logs.exporter", "none",
        "otel.bsp.schedule.delay", "50",
        "otel.bsp.max.queue.size", "100000",
        "otel.propagators", "tracecontext,baggage,b3,b3multi,jaeger,ottrace"));
  }

  @AfterAll
  void undeploy() throws Exception {
    app.close();
  }

  @Test
  void hostilePropagationHeadersNeverReachTheApplicationAndCostLittle() throws Exception {
    Random random = new Random(SEED);
    for (int i = 0; i < 20; i++) { // warm-up: the first requests start CDI beans, H2 and the JIT
      http.send(HttpRequest.newBuilder(app.orderUri(i)).build(), HttpResponse.BodyHandlers.discarding());
    }
    MemorySpanExporterProvider.SPANS.reset();
    List<Long> micros = new ArrayList<>();
    int maxBaggage = 0;
    int continued = 0;
    int sampled = 0;
    try (LogCapture log = LogCapture.library()) {
      for (int i = 0; i < REQUESTS; i++) {
        Headers headers = Headers.generate(random);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.orderUri(i) + "&m=" + SEED + "-" + i))
            .timeout(Duration.ofSeconds(30));
        for (String[] h : headers.list) {
          request.header(h[0], h[1]);
        }
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long took = (System.nanoTime() - start) / 1000;
        micros.add(took);
        String what = "request " + i + " (seed " + SEED + ") with " + headers.describe();
        assertThat(response.statusCode()).as(what).isEqualTo(200);
        assertThat(response.body()).as(what).startsWith("order " + i + " costs ");
        assertThat(Duration.ofNanos(took * 1000)).as(what).isLessThan(SLOW);
        int baggage = Integer.parseInt(response.headers().firstValue("X-Baggage-Entries").orElse("-1"));
        maxBaggage = Math.max(maxBaggage, baggage);
        assertThat(baggage).as(what).isBetween(0, 64);
        String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
        // Sampled unless the headers carried a well-formed "not sampled" decision (flags 00, X-B3-Sampled: 0...).
        sampled += response.headers().firstValue("X-Sampled").orElseThrow().equals("true") ? 1 : 0;
        if (headers.validTraceId != null) {
          assertThat(traceId).as(what).isEqualTo(headers.validTraceId);
          continued++;
        }
      }
      List<SpanData> servers = awaitServerSpans(sampled);
      for (SpanData span : servers) {
        assertThat(span.getTotalAttributeCount()).as("attributes of %s", span.getName()).isLessThan(30);
      }
      assertThat(log.lines(Level.WARNING)).as("what the library logged").isEmpty();
    }
    long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("Hostile headers: %d requests (seed %d), %d sampled, %d continued a well-formed traceparent, at"
        + " most %d baggage entries reached the application; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        REQUESTS, SEED, sampled, continued, maxBaggage, sorted[sorted.length / 2] / 1000.0,
        sorted[(int) (sorted.length * 0.99)] / 1000.0, sorted[sorted.length - 1] / 1000.0);
    assertThat(continued).as("the generator makes well-formed traceparents too").isPositive();
  }

  /**
   * A well-formed baggage far beyond the W3C limits (64 members, 8192 bytes) reaches the application bounded
   * (OpenTelemetry drops it whole), so that a client cannot make every outgoing call of the request carry
   * 50 KB; one within the limits arrives whole.
   */
  @Test
  void oversizedBaggageIsBoundedAndBaggageWithinTheW3cLimitsArrivesWhole() throws Exception {
    assertThat(baggageEntriesReceived(3000)).isBetween(0, 64);
    assertThat(baggageEntriesReceived(64)).isEqualTo(64);
  }

  private int baggageEntriesReceived(int members) throws Exception {
    StringBuilder baggage = new StringBuilder();
    for (int i = 0; i < members; i++) {
      baggage.append(i == 0 ? "" : ",").append("key").append(i).append("=value").append(i);
    }
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(app.orderUri(1))
        .header("baggage", baggage.toString()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    int entries = Integer.parseInt(response.headers().firstValue("X-Baggage-Entries").orElseThrow());
    System.out.println("Baggage of " + members + " members (" + baggage.length() + " chars): " + entries
        + " reach the application");
    return entries;
  }

  private List<SpanData> awaitServerSpans(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      List<SpanData> servers = MemorySpanExporterProvider.SPANS.getFinishedSpanItems().stream()
          .filter(s -> s.getKind() == SpanKind.SERVER)
          .filter(s -> String.valueOf(s.getAttributes().get(QUERY)).contains("m=" + SEED + "-"))
          .toList();
      if (servers.size() >= count || System.nanoTime() > deadline) {
        assertThat(servers.size()).as("one SERVER span per sampled request").isEqualTo(count);
        return servers;
      }
      Thread.sleep(50);
    }
  }

  /** One request's propagation headers, and the trace id it must continue (null: any or a new one). */
  static final class Headers {
    final List<String[]> list = new ArrayList<>();
    String validTraceId;

    static Headers generate(Random r) {
      Headers h = new Headers();
      int budget = 60 * 1024; // total header bytes Jetty accepts here: 64 KB
      int shape = r.nextInt(10);
      if (shape == 0) {
        // Only a well-formed, sampled traceparent (and maybe hostile tracestate/baggage): it is continued.
        String traceId = hex(r, 16);
        h.add("traceparent", "00-" + traceId + "-" + hex(r, 8) + "-01");
        h.validTraceId = traceId;
      } else {
        for (int n = r.nextInt(4); n >= 0; n--) {
          h.add("traceparent", traceparent(r));
        }
      }
      if (r.nextInt(3) == 0) {
        h.add("tracestate", list(r, r.nextInt(4) == 0 ? 2000 : 40, budget / 3));
      }
      if (r.nextInt(2) == 0) {
        h.add("baggage", baggage(r, r.nextInt(4) == 0 ? 5000 : 100, budget / 3));
        if (r.nextBoolean()) {
          h.add("baggage", baggage(r, 100, 4000));
        }
      }
      if (shape != 0 && r.nextInt(3) == 0) {
        h.add("b3", junk(r, hex(r, 16) + "-" + hex(r, 8) + "-1", 200));
        h.add("X-B3-TraceId", junk(r, hex(r, 16), 100));
        h.add("X-B3-SpanId", junk(r, hex(r, 8), 100));
        h.add("X-B3-Sampled", junk(r, "1", 10));
        h.add("uber-trace-id", junk(r, hex(r, 16) + ":" + hex(r, 8) + ":0:1", 300));
        h.add("uberctx-" + token(r, 8), junk(r, "v", 2000));
        h.add("ot-tracer-traceid", junk(r, hex(r, 8), 100));
        h.add("ot-tracer-spanid", junk(r, hex(r, 8), 100));
        h.add("ot-tracer-sampled", junk(r, "true", 10));
        h.add("ot-baggage-" + token(r, 8), junk(r, "v", 2000));
      }
      return h;
    }

    void add(String name, String value) {
      list.add(new String[] {name, value});
    }

    String describe() {
      StringBuilder out = new StringBuilder();
      for (String[] h : list) {
        out.append(h[0]).append('(').append(h[1].length()).append(" chars: ")
            .append(h[1], 0, Math.min(60, h[1].length())).append(") ");
      }
      return out.toString();
    }

    /** Well-formed, nearly well-formed, or not at all. */
    static String traceparent(Random r) {
      String version = r.nextInt(5) == 0 ? pick(r, "ff", "01", "0", "000", "zz", "") : "00";
      String traceId = r.nextInt(6) == 0 ? pick(r, "0".repeat(32), hex(r, 16).toUpperCase(), hex(r, 15), hex(r, 17))
          : hex(r, 16);
      String spanId = r.nextInt(6) == 0 ? pick(r, "0".repeat(16), hex(r, 7), hex(r, 9)) : hex(r, 8);
      String flags = r.nextInt(5) == 0 ? pick(r, "", "1", "ff", "zz", "001") : pick(r, "00", "01");
      String value = version + "-" + traceId + "-" + spanId + "-" + flags;
      switch (r.nextInt(6)) {
        case 0:
          return mutate(r, value);
        case 1:
          return value + "-" + junk(r, "", 1000); // extra fields (allowed only for later versions)
        case 2:
          return junk(r, "", r.nextInt(4) == 0 ? 16_000 : 100);
        case 3:
          return " \t" + value + " \t";
        default:
          return value;
      }
    }

    /** A comma-separated list of up to {@code members} key=value members, at most {@code maxChars}. */
    static String list(Random r, int members, int maxChars) {
      StringBuilder out = new StringBuilder();
      int count = r.nextInt(members + 1);
      for (int i = 0; i < count && out.length() < maxChars - 100; i++) {
        if (i > 0) {
          out.append(r.nextInt(10) == 0 ? ",,  ," : ",");
        }
        out.append(r.nextInt(8) == 0 ? junk(r, "", 20) : word(r, 1 + r.nextInt(12)));
        out.append(r.nextInt(10) == 0 ? "" : "=");
        out.append(r.nextInt(8) == 0 ? junk(r, "", 300) : word(r, r.nextInt(20)));
      }
      return out.length() > maxChars ? out.substring(0, maxChars) : out.toString();
    }

    static String baggage(Random r, int members, int maxChars) {
      StringBuilder out = new StringBuilder(list(r, members, maxChars));
      for (int i = 0; i < 5 && out.length() < maxChars - 60; i++) {
        out.append(pick(r, ",k%zz=v", ",k=%E2%82", ",k=%E2%82%AC;prop;p2=x", ",=v", ",k=v;;;=", ",k=%",
            ",k\t=\tv", ",k=" + "%41".repeat(10)));
      }
      return out.toString();
    }

    static String mutate(Random r, String value) {
      char[] chars = value.toCharArray();
      for (int n = 1 + r.nextInt(3); n > 0 && chars.length > 0; n--) {
        chars[r.nextInt(chars.length)] = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
      }
      return new String(chars).strip();
    }

    /** {@code base}, or random characters, or {@code base} with random characters around it. */
    static String junk(Random r, String base, int maxLength) {
      int length = r.nextInt(Math.max(1, maxLength));
      StringBuilder out = new StringBuilder(length + base.length());
      int choice = r.nextInt(3);
      if (choice != 1) {
        out.append(base);
      }
      for (int i = 0; i < length && choice != 0; i++) {
        out.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
      }
      String s = out.toString().strip();
      return s.isEmpty() ? "x" : s;
    }

    static String word(Random r, int length) {
      String letters = "abcdefghijklmnopqrstuvwxyz0123456789_-*/@";
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < length; i++) {
        out.append(letters.charAt(r.nextInt(letters.length())));
      }
      return out.length() == 0 ? "k" : out.toString();
    }

    /** A header name's characters. */
    static String token(Random r, int length) {
      String letters = "abcdefghijklmnopqrstuvwxyz0123456789-";
      StringBuilder out = new StringBuilder("k");
      for (int i = 1; i < length; i++) {
        out.append(letters.charAt(r.nextInt(letters.length())));
      }
      return out.toString();
    }

    static String hex(Random r, int bytes) {
      byte[] b = new byte[bytes];
      r.nextBytes(b);
      b[0] |= 1;
      return HexFormat.of().formatHex(b);
    }

    static String pick(Random r, String... options) {
      return options[r.nextInt(options.length)];
    }
  }

}
