package io.github.mackereltracing.internal.http;

import java.net.URI;

/**
 * Keeps credentials that travel in URLs out of spans: the values of sensitive query parameters, the
 * session id of {@code ;jsessionid=} path parameters, and the user-info of a client URL all become {@code
 * REDACTED}; names stay, so that the span still says what was sent. Strings without anything to redact are
 * returned as they are, without allocation.
 *
 * <p>Parameter names are matched case-insensitively (the conventions ask for case-sensitive matching of
 * their four names; catching {@code Password} as well as {@code password} costs nothing and leaks less): a
 * name is sensitive when it is one of {@link #EXACT} or contains one of {@link #FRAGMENTS}.
 */
public final class UrlRedaction {
  public static final String REDACTED = "REDACTED";

  /** Names that are sensitive only as a whole ("key" is, "monkey" is not). */
  static final String[] EXACT = {
    "pwd", "pass", "auth", "key", "sig", "awsaccesskeyid", "session", "sessionid", "jsessionid", "code_verifier"
  };

  /** Parts that make any name sensitive: {@code access_token}, {@code client_secret}, {@code X-Amz-Signature}... */
  static final String[] FRAGMENTS = {
    "password", "passwd", "secret", "token", "signature", "credential", "apikey", "api_key", "api-key",
    "accesskey", "access_key", "privatekey", "private_key"
  };

  private static final String JSESSIONID = ";jsessionid=";

  private UrlRedaction() {}

  /** A query string ({@code a=1&password=x}) with the values of sensitive parameters redacted; null stays null. */
  public static String redactQuery(String query) {
    if (query == null || query.isEmpty()) {
      return query;
    }
    StringBuilder out = null;
    int copied = 0;
    int length = query.length();
    int start = 0;
    while (start <= length) {
      int end = query.indexOf('&', start);
      if (end < 0) {
        end = length;
      }
      int eq = start;
      while (eq < end && query.charAt(eq) != '=') {
        eq++;
      }
      if (eq + 1 < end && isSensitive(query, start, eq)) {
        if (out == null) {
          out = new StringBuilder(length + 16);
        }
        out.append(query, copied, eq + 1).append(REDACTED);
        copied = end;
      }
      start = end + 1;
    }
    if (out == null) {
      return query;
    }
    out.append(query, copied, length);
    return out.toString();
  }

  /** A path with the values of {@code ;jsessionid=} path parameters redacted (a session id is a credential). */
  public static String redactPath(String path) {
    if (path == null || path.indexOf(';') < 0) {
      return path;
    }
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    while (true) {
      int at = indexOfIgnoreCase(path, JSESSIONID, from);
      if (at < 0) {
        break;
      }
      int valueStart = at + JSESSIONID.length();
      int valueEnd = valueStart;
      while (valueEnd < path.length() && path.charAt(valueEnd) != ';' && path.charAt(valueEnd) != '/'
          && path.charAt(valueEnd) != '?') {
        valueEnd++;
      }
      if (out == null) {
        out = new StringBuilder(path.length());
      }
      out.append(path, copied, valueStart).append(REDACTED);
      copied = valueEnd;
      from = valueEnd;
    }
    if (out == null) {
      return path;
    }
    out.append(path, copied, path.length());
    return out.toString();
  }

  /**
   * The {@code url.full} of a client call: user-info replaced by {@code REDACTED:REDACTED}, sensitive query
   * values and session ids redacted, the fragment kept.
   */
  public static String redactUrl(URI uri) {
    String userInfo = uri.getRawUserInfo();
    String query = uri.getRawQuery();
    String path = uri.getRawPath();
    String redactedQuery = redactQuery(query);
    String redactedPath = redactPath(path);
    if (userInfo == null && redactedQuery == query && redactedPath == path) {
      return uri.toString();
    }
    if (uri.isOpaque()) {
      return uri.getScheme() + ":" + REDACTED;
    }
    StringBuilder out = new StringBuilder(uri.toString().length() + 16);
    if (uri.getScheme() != null) {
      out.append(uri.getScheme()).append(':');
    }
    if (uri.getRawAuthority() != null) {
      out.append("//");
      if (userInfo != null) {
        out.append(userInfo.indexOf(':') >= 0 ? REDACTED + ":" + REDACTED : REDACTED).append('@');
      }
      if (uri.getHost() != null) {
        out.append(uri.getHost());
        if (uri.getPort() >= 0) {
          out.append(':').append(uri.getPort());
        }
      } else if (userInfo == null) {
        out.append(uri.getRawAuthority());
      }
    }
    if (redactedPath != null) {
      out.append(redactedPath);
    }
    if (redactedQuery != null) {
      out.append('?').append(redactedQuery);
    }
    if (uri.getRawFragment() != null) {
      out.append('#').append(uri.getRawFragment());
    }
    return out.toString();
  }

  /** Whether the parameter name {@code s[start, end)} is sensitive; looks at the raw (still encoded) name. */
  static boolean isSensitive(String s, int start, int end) {
    int length = end - start;
    for (String exact : EXACT) {
      if (exact.length() == length && s.regionMatches(true, start, exact, 0, length)) {
        return true;
      }
    }
    for (String fragment : FRAGMENTS) {
      int last = end - fragment.length();
      for (int i = start; i <= last; i++) {
        if (s.regionMatches(true, i, fragment, 0, fragment.length())) {
          return true;
        }
      }
    }
    return false;
  }

  private static int indexOfIgnoreCase(String s, String part, int from) {
    int last = s.length() - part.length();
    for (int i = from; i <= last; i++) {
      if (s.regionMatches(true, i, part, 0, part.length())) {
        return i;
      }
    }
    return -1;
  }
}
