package io.github.mackereltracing.example.arquillian;

import io.github.mackereltracing.example.servers.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** What the Arquillian tests do as a client: HTTP requests to a deployment, and waits at the OTLP receiver. */
final class Spans {
  static final Duration WAIT = Duration.ofSeconds(20);
  // HTTP/1.1: see ExampleWarScenario#http (Open Liberty holds a thread for an h2c upgrade).
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private Spans() {}

  /**
   * GET {@code path} under the deployment's URL, on loopback; returns the body, or fails on a status other than
   * 200. (Payara Micro's adapter reports the machine's address, though the server listens on 127.0.0.1 only.)
   */
  static String get(URL deployment, String path) throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + deployment.getPort() + deployment.getPath().replaceAll("/$", "") + path);
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().strip();
  }

  static ReceivedSpan await(Predicate<ReceivedSpan> matching) throws InterruptedException {
    return MicroDeployments.receiver().awaitSpan(matching, WAIT);
  }

  static Predicate<ReceivedSpan> server(String path) {
    return s -> s.kind() == SpanKind.SPAN_KIND_SERVER && path.equals(s.attribute("url.path"));
  }

  static Predicate<ReceivedSpan> childOf(ReceivedSpan parent, SpanKind kind) {
    return s -> s.kind() == kind && s.parentSpanId().equals(parent.spanId());
  }
}
