package io.github.mackereltracing.internal.http;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The headers a user asked to record (opt-in, as the conventions require), each with its attribute key
 * ({@code http.request.header.x-request-id}) made once. Credentials are never recorded, even when named.
 */
public final class HeaderCapture {
  /** Headers that carry credentials: never recorded, whatever the configuration says. */
  public static final Set<String> NEVER_CAPTURED =
      Set.of("authorization", "cookie", "set-cookie", "mackerel-api-key", "proxy-authorization");

  static final HeaderCapture NONE = new HeaderCapture(new String[0], List.of());

  private final String[] names;
  private final List<AttributeKey<List<String>>> keys;

  private HeaderCapture(String[] names, List<AttributeKey<List<String>>> keys) {
    this.names = names;
    this.keys = keys;
  }

  /**
   * Parses a comma-separated list of header names.
   *
   * @param attributePrefix {@code http.request.header.} or {@code http.response.header.}
   * @param refused receives the names that were dropped because they carry credentials
   */
  static HeaderCapture parse(String value, String attributePrefix, List<String> refused) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    Set<String> unique = new LinkedHashSet<>();
    for (String part : value.split(",")) {
      String name = part.strip().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (NEVER_CAPTURED.contains(name)) {
        refused.add(part.strip());
        continue;
      }
      unique.add(name);
    }
    if (unique.isEmpty()) {
      return NONE;
    }
    List<AttributeKey<List<String>>> keys = new ArrayList<>();
    for (String name : unique) {
      keys.add(AttributeKey.stringArrayKey(attributePrefix + name));
    }
    return new HeaderCapture(unique.toArray(new String[0]), List.copyOf(keys));
  }

  public boolean isEmpty() {
    return names.length == 0;
  }

  public int size() {
    return names.length;
  }

  /** The i-th header name, lower case. */
  public String name(int i) {
    return names[i];
  }

  public AttributeKey<List<String>> key(int i) {
    return keys.get(i);
  }

  /**
   * The captured headers found in {@code headers} (a JAX-RS header map, whose look-ups ignore case), as
   * attributes for a span or its builder; empty, without allocating, when nothing is to be captured.
   */
  public Attributes attributes(Map<String, List<String>> headers) {
    if (names.length == 0) {
      return Attributes.empty();
    }
    AttributesBuilder attributes = Attributes.builder();
    for (int i = 0; i < names.length; i++) {
      List<String> values = headers.get(names[i]);
      if (values != null && !values.isEmpty()) {
        attributes.put(keys.get(i), new ArrayList<>(values));
      }
    }
    return attributes.build();
  }
}
