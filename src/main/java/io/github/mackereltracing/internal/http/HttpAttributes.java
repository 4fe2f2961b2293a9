package io.github.mackereltracing.internal.http;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import jakarta.annotation.Nullable;

/** The stable HTTP semantic-convention attributes this library sets (semconv 1.2x, "http" stability). */
public final class HttpAttributes {
  public static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
  public static final AttributeKey<String> HTTP_REQUEST_METHOD_ORIGINAL =
      AttributeKey.stringKey("http.request.method_original");
  public static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE =
      AttributeKey.longKey("http.response.status_code");
  public static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
  public static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
  public static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  public static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
  public static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  public static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  public static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  public static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
  public static final AttributeKey<String> NETWORK_PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");
  public static final AttributeKey<Long> NETWORK_PEER_PORT = AttributeKey.longKey("network.peer.port");
  public static final AttributeKey<String> NETWORK_PROTOCOL_VERSION =
      AttributeKey.stringKey("network.protocol.version");
  public static final AttributeKey<String> USER_AGENT_ORIGINAL = AttributeKey.stringKey("user_agent.original");

  /** {@code error.type} for an asynchronous request that timed out and ended with a server error. */
  public static final String ERROR_TIMEOUT = "timeout";

  private HttpAttributes() {}

  /**
   * Sets {@code http.request.method} to the canonical method ({@link KnownMethods#canonical}) and, when the
   * request said it otherwise ({@code get}, or a method that is not known), {@code
   * http.request.method_original} to what it said.
   */
  public static SpanBuilder setMethod(SpanBuilder builder, String canonical, @Nullable String raw) {
    builder.setAttribute(HTTP_REQUEST_METHOD, canonical);
    if (raw != null && !canonical.equals(raw)) {
      builder.setAttribute(HTTP_REQUEST_METHOD_ORIGINAL, raw);
    }
    return builder;
  }

  /** "HTTP/1.1" is "1.1", "HTTP/2.0" is "2"; null when unknown. Common values are constants: no allocation. */
  public static String protocolVersion(String protocol) {
    if (protocol == null) {
      return null;
    }
    switch (protocol) {
      case "HTTP/1.1":
        return "1.1";
      case "HTTP/1.0":
        return "1.0";
      case "HTTP/2.0":
      case "HTTP/2":
        return "2";
      case "HTTP/3.0":
      case "HTTP/3":
        return "3";
      default:
        if (protocol.startsWith("HTTP/") && protocol.length() > 5) {
          return protocol.substring(5);
        }
        return null;
    }
  }
}
