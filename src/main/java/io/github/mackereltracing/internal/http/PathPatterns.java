package io.github.mackereltracing.internal.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Path patterns of {@code mackerel.http.excluded-paths}: comma-separated, relative to the context root, where
 * {@code *} stands for any characters ({@code /} included), except when it ends a pattern right after a name
 * ({@code /health*}): there it stands for the rest of the path from a segment boundary, nothing or {@code /}
 * and anything after, so {@code /health*} matches {@code /health}, {@code /health/} and {@code /health/live}
 * but not {@code /healthcare}. Matching allocates nothing.
 */
public final class PathPatterns {
  /** The value that turns exclusion off. */
  public static final String NONE = "none";
  public static final PathPatterns EMPTY = new PathPatterns(new String[0]);

  private final String[] patterns;
  /** Per pattern: it ends with a star right after a name, which matches whole segments only. */
  private final boolean[] segmentTails;

  private PathPatterns(String[] patterns) {
    this.patterns = patterns;
    this.segmentTails = new boolean[patterns.length];
    for (int i = 0; i < patterns.length; i++) {
      segmentTails[i] = endsWithSegmentTail(patterns[i]);
    }
  }

  private static boolean endsWithSegmentTail(String pattern) {
    int n = pattern.length();
    return n >= 2 && pattern.charAt(n - 1) == '*' && pattern.charAt(n - 2) != '/' && pattern.charAt(n - 2) != '*';
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
    int length = first.length() + (second == null ? 0 : second.length());
    for (int i = 0; i < patterns.length; i++) {
      String pattern = patterns[i];
      boolean match = segmentTails[i]
          ? segments(pattern, first, second, length)
          : glob(pattern, pattern.length(), first, second, length);
      if (match) {
        return true;
      }
    }
    return false;
  }

  /** {@code name*}: the pattern without its star matches the whole path, or the path up to a {@code /}. */
  private static boolean segments(String pattern, String first, String second, int length) {
    int patternEnd = pattern.length() - 1;
    if (glob(pattern, patternEnd, first, second, length)) {
      return true;
    }
    for (int end = 0; end < length; end++) {
      if (charAt(first, second, end) == '/' && glob(pattern, patternEnd, first, second, end)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code pattern} up to {@code patternEnd} matches the first {@code length} characters of the path:
   * wildcard matching with single-star backtracking, linear in practice for these short patterns.
   */
  static boolean glob(String pattern, int patternEnd, String first, String second, int length) {
    int p = 0;
    int s = 0;
    int star = -1;
    int starMatch = 0;
    while (s < length) {
      if (p < patternEnd && pattern.charAt(p) != '*' && pattern.charAt(p) == charAt(first, second, s)) {
        p++;
        s++;
      } else if (p < patternEnd && pattern.charAt(p) == '*') {
        star = p++;
        starMatch = s;
      } else if (star >= 0) {
        p = star + 1;
        s = ++starMatch;
      } else {
        return false;
      }
    }
    while (p < patternEnd && pattern.charAt(p) == '*') {
      p++;
    }
    return p == patternEnd;
  }

  private static char charAt(String first, String second, int i) {
    return i < first.length() ? first.charAt(i) : second.charAt(i - first.length());
  }

  @Override
  public String toString() {
    return String.join(",", patterns);
  }
}
