package io.github.mackereltracing.internal.http;

import jakarta.annotation.Nullable;

/**
 * Reads what reverse proxies say about the original request ({@code Forwarded}, RFC 7239, and the {@code
 * X-Forwarded-*} headers), as the conventions ask for {@code url.scheme}, {@code server.address} and {@code
 * client.address}. Only the first (client-most) element counts. Values are not trusted for anything but
 * telemetry.
 */
public final class Forwarded {
  private Forwarded() {}

  /** The value of {@code name} ("for", "proto", "host") in the first element of a Forwarded header, or null. */
  @Nullable
  public static String param(@Nullable String header, String name) {
    if (header == null) {
      return null;
    }
    int end = header.indexOf(',');
    if (end < 0) {
      end = header.length();
    }
    int start = 0;
    while (start < end) {
      int next = header.indexOf(';', start);
      if (next < 0 || next > end) {
        next = end;
      }
      int eq = header.indexOf('=', start);
      if (eq > 0 && eq < next && header.substring(start, eq).strip().equalsIgnoreCase(name)) {
        String value = header.substring(eq + 1, next).strip();
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
          value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() ? null : value;
      }
      start = next + 1;
    }
    return null;
  }

  /** The first entry of a comma-separated list (X-Forwarded-For: client, proxy1, proxy2), or null. */
  @Nullable
  public static String first(@Nullable String list) {
    if (list == null) {
      return null;
    }
    int comma = list.indexOf(',');
    String first = (comma < 0 ? list : list.substring(0, comma)).strip();
    return first.isEmpty() ? null : first;
  }

  /**
   * The address of a {@code for=} node without brackets or port ({@code "[2001:db8::1]:4711"} is {@code
   * 2001:db8::1}); null for the obfuscated and "unknown" forms.
   */
  public static String nodeAddress(String node) {
    if (node == null || node.isEmpty() || node.charAt(0) == '_' || node.equalsIgnoreCase("unknown")) {
      return null;
    }
    if (node.charAt(0) == '[') {
      int close = node.indexOf(']');
      return close > 1 ? node.substring(1, close) : null;
    }
    int colon = node.indexOf(':');
    // One colon is host:port; more are a bare IPv6 address.
    return colon > 0 && node.indexOf(':', colon + 1) < 0 ? node.substring(0, colon) : node;
  }

  /** The host of {@code host[:port]} ({@code [v6]:port} too). */
  public static String hostOf(String hostAndPort) {
    if (hostAndPort.startsWith("[")) {
      int close = hostAndPort.indexOf(']');
      return close > 1 ? hostAndPort.substring(1, close) : hostAndPort;
    }
    int colon = hostAndPort.indexOf(':');
    return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
  }

  /** The port of {@code host[:port]}, or -1 when there is none or it is not a number. */
  public static int portOf(String hostAndPort) {
    int close = hostAndPort.startsWith("[") ? hostAndPort.indexOf(']') : -1;
    int colon = hostAndPort.indexOf(':', Math.max(close, 0));
    if (colon < 0 || colon == hostAndPort.length() - 1) {
      return -1;
    }
    try {
      int port = Integer.parseInt(hostAndPort.substring(colon + 1));
      return port > 0 && port < 65536 ? port : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
