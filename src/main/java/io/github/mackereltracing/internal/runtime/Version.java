package io.github.mackereltracing.internal.runtime;

/** The library's version, from its jar manifest (null-safe in tests, where there is no jar). */
final class Version {
  static final String VALUE = read();

  private Version() {}

  private static String read() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
