package io.github.mackereltracing.testing;

/**
 * The Mackerel API keys tests use. Every one contains {@link #MARK}, so that {@link SecretWatch} finds a key
 * wherever it leaks (a log line, an exception, an exported span), in any test of the suite, without each
 * test asserting it. A test that needs a key makes it here; one that needs a malformed key builds it around
 * {@link #MARK} too.
 */
public final class TestKeys {
  /** In every test key, and in nothing else the suite produces. */
  public static final String MARK = "TESTKEY";

  private TestKeys() {}

  /**
   * A well-formed key, as Mackerel issues them (visible ASCII), ending in {@code cdef}: logs may show it
   * masked as {@code ****cdef} and nothing more.
   */
  public static String key(String label) {
    return "mkr-" + MARK + "-" + label + "-0123456789abcdef";
  }
}
