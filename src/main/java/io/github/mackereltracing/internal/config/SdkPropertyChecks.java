package io.github.mackereltracing.internal.config;

import jakarta.annotation.Nullable;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks, at start-up, the OpenTelemetry properties whose bad values the SDK either reports without naming
 * the property ("Unexpected configuration error", "Invalid OTLP certificate/key path"), or accepts and then
 * fails every export with (a negative timeout, a header value with a line break), or accepts and then
 * samples nothing with (a ratio of NaN). Each problem names the property; values of headers are never shown.
 */
final class SdkPropertyChecks {
  /** OpenTelemetry's duration syntax: a whole number, then optionally ms, s, m, h or d (milliseconds). */
  private static final Pattern DURATION = Pattern.compile("\\s*(\\d{1,18})\\s*(ms|s|m|h|d)?\\s*");
  private static final String DURATION_EXPECTED =
      "expected a duration that is not negative, such as 500ms, 10s or 1m (a bare number is milliseconds)";
  private static final List<String> POSITIVE_INTS =
      List.of("otel.bsp.max.queue.size", "otel.bsp.max.export.batch.size");
  private static final List<String> LIMITS = List.of(
      "otel.attribute.value.length.limit", "otel.attribute.count.limit",
      "otel.span.attribute.value.length.limit", "otel.span.attribute.count.limit",
      "otel.span.event.count.limit", "otel.span.link.count.limit",
      "otel.event.attribute.count.limit", "otel.link.attribute.count.limit");
  private static final List<String> DURATIONS = List.of("otel.bsp.schedule.delay", "otel.bsp.export.timeout");
  private static final List<String> EXPORT_TIMEOUTS =
      List.of("otel.exporter.otlp.timeout", "otel.exporter.otlp.traces.timeout");
  private static final List<String> COMPRESSIONS =
      List.of("otel.exporter.otlp.compression", "otel.exporter.otlp.traces.compression");
  private static final List<String> FILES = List.of(
      "otel.exporter.otlp.certificate", "otel.exporter.otlp.traces.certificate",
      "otel.exporter.otlp.client.key", "otel.exporter.otlp.traces.client.key",
      "otel.exporter.otlp.client.certificate", "otel.exporter.otlp.traces.client.certificate");
  /** The exporter's default; what a timeout of 0 ("never give up") is replaced with. */
  static final String DEFAULT_EXPORT_TIMEOUT = "10s";

  private SdkPropertyChecks() {}

  /**
   * Checks {@code sdk} (the properties handed to the SDK), replacing the few values that are used
   * differently, with a line in {@code warnings} for each.
   */
  static void check(Map<String, String> sdk, List<String> warnings) throws InvalidSettingException {
    for (String property : POSITIVE_INTS) {
      wholeNumber(sdk, property, 1, "expected a whole number of at least 1");
    }
    for (String property : LIMITS) {
      wholeNumber(sdk, property, 0, "expected a whole number, 0 or more");
    }
    for (String property : DURATIONS) {
      duration(sdk, property);
    }
    for (String property : EXPORT_TIMEOUTS) {
      Long millis = duration(sdk, property);
      if (millis != null && millis == 0) {
        // The exporter reads 0 as "no timeout": a hanging endpoint would then hold a connection and a
        // thread for ever, one more with each batch.
        sdk.put(property, DEFAULT_EXPORT_TIMEOUT);
        warnings.add(property + "=0 would let a hanging endpoint hold each export for ever; using "
            + DEFAULT_EXPORT_TIMEOUT);
      }
    }
    for (String property : COMPRESSIONS) {
      String value = sdk.get(property);
      if (value != null && !value.isBlank() && !value.equals("gzip") && !value.equals("none")) {
        throw new InvalidSettingException(property, value, "expected gzip or none");
      }
    }
    for (String property : FILES) {
      file(sdk, property);
    }
    samplerArgument(sdk);
  }

  private static void wholeNumber(Map<String, String> sdk, String property, long min, String expected)
      throws InvalidSettingException {
    String value = sdk.get(property);
    if (value == null || value.isBlank()) {
      return;
    }
    try {
      if (Integer.parseInt(value) >= min) {
        return;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidSettingException(property, value, expected);
  }

  /** The duration in milliseconds, or null when not set. */
  private static @Nullable Long duration(Map<String, String> sdk, String property) throws InvalidSettingException {
    String value = sdk.get(property);
    if (value == null || value.isBlank()) {
      return null;
    }
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new InvalidSettingException(property, value, DURATION_EXPECTED);
    }
    long number = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    long factor = switch (unit) {
      case "s" -> 1_000L;
      case "m" -> 60_000L;
      case "h" -> 3_600_000L;
      case "d" -> 86_400_000L;
      default -> 1L;
    };
    if (number > Long.MAX_VALUE / factor) {
      throw new InvalidSettingException(property, value, DURATION_EXPECTED);
    }
    return number * factor;
  }

  private static void file(Map<String, String> sdk, String property) throws InvalidSettingException {
    String value = sdk.get(property);
    if (value == null || value.isBlank()) {
      return;
    }
    boolean readable;
    try {
      Path path = Path.of(value.strip());
      readable = Files.isRegularFile(path) && Files.isReadable(path);
    } catch (InvalidPathException | SecurityException e) {
      readable = false;
    }
    if (!readable) {
      throw new InvalidSettingException(property, value, "expected the path of a readable PEM file");
    }
  }

  /** The ratio of the traceidratio samplers: a number from 0 to 1. */
  private static void samplerArgument(Map<String, String> sdk) throws InvalidSettingException {
    String sampler = sdk.getOrDefault("otel.traces.sampler", "").strip().toLowerCase(Locale.ROOT);
    String arg = sdk.get("otel.traces.sampler.arg");
    if (!sampler.endsWith("traceidratio") || arg == null || arg.isBlank()) {
      return;
    }
    double ratio;
    try {
      ratio = Double.parseDouble(arg);
    } catch (NumberFormatException e) {
      ratio = Double.NaN;
    }
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new InvalidSettingException("otel.traces.sampler.arg", arg,
          "the ratio of the " + sampler + " sampler must be a number from 0 to 1, such as 0.25");
    }
  }

  /**
   * Whether {@code value} can travel as an HTTP header value: no line breaks or other control characters
   * (a tab is fine), nothing beyond Latin-1. Returns the position of the first character that cannot, or -1.
   */
  static int badHeaderCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
        return i;
      }
    }
    return -1;
  }
}
