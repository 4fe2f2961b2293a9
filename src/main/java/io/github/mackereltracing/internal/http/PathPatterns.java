package io.github.mackereltracing.internal.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Path patterns of {@code mackerel.http.excluded-paths}: comma-separated, relative to the context root, where
 * {@code *} stands for any characters ({@code /} included): {@code /health*} matches {@code /health} and
 * {@code /health/live}. Matching allocates nothing.
 */
public final class PathPatterns {
  /** The value that turns exclusion off. */
  public static final String NONE = "none";
  public static final PathPatterns EMPTY = new PathPatterns(new String[0]);

  private final String[] patterns;

  private PathPatterns(String[] patterns) {
    this.patterns = patterns;
  }

  /** Parses the setting's value; blank entries are ignored and a missing leading slash is added. */
  public static PathPatterns parse(String value) {
    if (value == null || value.isBlank() || value.strip().equalsIgnoreCase(NONE)) {
      return EMPTY;
    }
    List<String> list = new ArrayList<>();
    for (String part : value.split(",")) {
      String pattern = part.strip();
      if (pattern.isEmpty()) {
        continue;
      }
      list.add(pattern.startsWith("/") || pattern.startsWith("*") ? pattern : "/" + pattern);
    }
    return new PathPatterns(list.toArray(new String[0]));
  }

  public boolean isEmpty() {
    return patterns.length == 0;
  }

  /** Whether the path {@code first + second} (e.g. servlet path and path info; second may be null) matches. */
  public boolean matches(String first, String second) {
    if (first == null) {
      first = "";
    }
    for (String pattern : patterns) {
      if (glob(pattern, first, second)) {
        return true;
      }
    }
    return false;
  }

  /** Wildcard matching with single-star backtracking, linear in practice for these short patterns. */
  static boolean glob(String pattern, String first, String second) {
    int length = first.length() + (second == null ? 0 : second.length());
    int p = 0;
    int s = 0;
    int star = -1;
    int starMatch = 0;
    while (s < length) {
      if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == charAt(first, second, s)) {
        p++;
        s++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        starMatch = s;
      } else if (star >= 0) {
        p = star + 1;
        s = ++starMatch;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  private static char charAt(String first, String second, int i) {
    return i < first.length() ? first.charAt(i) : second.charAt(i - first.length());
  }

  @Override
  public String toString() {
    return String.join(",", patterns);
  }
}
