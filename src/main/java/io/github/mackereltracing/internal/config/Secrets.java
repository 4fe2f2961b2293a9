package io.github.mackereltracing.internal.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Keeps the API key out of every line we write. */
public final class Secrets {
  private Secrets() {}

  /** The key as it may appear in a log line: its last four characters, the rest hidden. */
  public static String mask(String apiKey) {
    if (apiKey == null || apiKey.isEmpty()) {
      return "(none)";
    }
    if (apiKey.length() <= 8) {
      return "****";
    }
    return "****" + apiKey.substring(apiKey.length() - 4);
  }

  /**
   * {@code url} with its user info and query, where credentials may sit, masked: {@code
   * https://***@host/v1/traces?***}. Anything that does not look like a URL is returned as it is.
   */
  public static String maskUrlCredentials(String url) {
    if (url == null) {
      return null;
    }
    String masked = url;
    int scheme = masked.indexOf("://");
    if (scheme >= 0) {
      int authorityEnd = masked.length();
      for (char c : new char[] {'/', '?', '#'}) {
        int i = masked.indexOf(c, scheme + 3);
        if (i >= 0 && i < authorityEnd) {
          authorityEnd = i;
        }
      }
      int at = masked.lastIndexOf('@', authorityEnd - 1);
      if (at > scheme) {
        masked = masked.substring(0, scheme + 3) + "***" + masked.substring(at);
      }
    }
    int query = masked.indexOf('?');
    return query >= 0 ? masked.substring(0, query) + "?***" : masked;
  }

  /** {@code text} with every occurrence of the key (plain or URL-encoded) masked. */
  public static String scrub(String text, String apiKey) {
    if (text == null || apiKey == null || apiKey.isEmpty()) {
      return text;
    }
    String masked = mask(apiKey);
    String scrubbed = text.replace(apiKey, masked);
    String encoded = URLEncoder.encode(apiKey, StandardCharsets.UTF_8);
    return encoded.equals(apiKey) ? scrubbed : scrubbed.replace(encoded, masked);
  }
}
