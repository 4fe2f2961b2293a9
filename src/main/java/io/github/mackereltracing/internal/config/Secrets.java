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
