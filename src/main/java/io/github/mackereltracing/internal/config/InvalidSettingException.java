package io.github.mackereltracing.internal.config;

/** A setting whose value cannot be used. The message names the property and, unless secret, the value. */
public final class InvalidSettingException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidSettingException(String property, String value, String expected) {
    super(property + "=" + (value == null ? "(empty)" : "'" + value + "'") + " is invalid: " + expected);
  }

  /** For secrets: the value is never part of the message. */
  public static InvalidSettingException secret(String property, String expected) {
    return new InvalidSettingException(property, expected);
  }

  private InvalidSettingException(String property, String expected) {
    super(property + " is invalid: " + expected);
  }
}
