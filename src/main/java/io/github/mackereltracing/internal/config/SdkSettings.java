package io.github.mackereltracing.internal.config;

import jakarta.annotation.Nullable;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One deployment's settings, checked once, with the Mackerel preset applied: what the OpenTelemetry SDK's
 * autoconfiguration is given, whether tracing is on, and what the start-up line says.
 */
public final class SdkSettings {
  public static final String MACKEREL_TRACES_ENDPOINT = "https://otlp-vaxila.mackerelio.com/v1/traces";
  static final String API_KEY_HEADER = "Mackerel-Api-Key";

  private final boolean enabled;
  static final String BATCH_SIZE = "otel.bsp.max.export.batch.size";
  public static final String QUEUE_SIZE = "otel.bsp.max.queue.size";
  /** The library's defaults for the two (see {@link #batchSizes}). */
  static final int DEFAULT_BATCH_SIZE = 2048;
  public static final int DEFAULT_QUEUE_SIZE = 8192;
  private final Map<String, String> sdkProperties;
  private final Map<String, String> allProperties;
  private final String apiKey;
  private final List<String> warnings;

  private SdkSettings(
      boolean enabled,
      Map<String, String> sdkProperties,
      Map<String, String> allProperties,
      String apiKey,
      List<String> warnings) {
    this.enabled = enabled;
    this.sdkProperties = Collections.unmodifiableMap(sdkProperties);
    this.allProperties = Collections.unmodifiableMap(allProperties);
    this.apiKey = apiKey;
    this.warnings = Collections.unmodifiableList(warnings);
  }

  /**
   * Checks {@code properties} (as {@link ConfigReader} read them) and applies the Mackerel preset.
   *
   * @param deploymentName the service.name used when none is configured
   * @throws InvalidSettingException naming the first setting whose value cannot be used
   */
  public static SdkSettings resolve(Map<String, String> properties, String deploymentName)
      throws InvalidSettingException {
    List<String> warnings = new ArrayList<>();
    String apiKey = apiKey(properties.get(Setting.API_KEY.key()), warnings);
    String disabled = properties.get("otel.sdk.disabled");
    boolean enabled;
    if (disabled == null || disabled.isBlank()) {
      // MicroProfile Telemetry keeps the SDK off unless asked; a Mackerel key is that request.
      enabled = apiKey != null;
    } else {
      enabled = !parseBoolean("otel.sdk.disabled", disabled);
    }

    Map<String, String> sdk = new TreeMap<>();
    properties.forEach(
        (key, value) -> {
          if (key.startsWith("otel.")) {
            sdk.put(key, value);
          }
        });
    if (!enabled) {
      return new SdkSettings(false, sdk, properties, apiKey, warnings);
    }
    Map<String, String> all = withCheckedFlags(properties, warnings);

    if (!sdk.containsKey("otel.service.name") && !resourceAttributes(sdk).containsKey("service.name")) {
      sdk.put("otel.service.name", deploymentName);
    }
    checkEndpoint(sdk, "otel.exporter.otlp.endpoint");
    checkEndpoint(sdk, "otel.exporter.otlp.traces.endpoint");
    SdkPropertyChecks.check(sdk, warnings);
    String protocol = firstOf(sdk, "otel.exporter.otlp.traces.protocol", "otel.exporter.otlp.protocol");
    if (protocol == null) {
      sdk.put("otel.exporter.otlp.protocol", "http/protobuf");
    } else if (!protocol.equals("http/protobuf") && !protocol.equals("http/json")) {
      String property =
          sdk.containsKey("otel.exporter.otlp.traces.protocol")
              ? "otel.exporter.otlp.traces.protocol"
              : "otel.exporter.otlp.protocol";
      throw new InvalidSettingException(
          property, protocol, "this library sends OTLP over HTTP: use http/protobuf (or http/json)");
    }
    Map<String, String> traceHeaders =
        headers(sdk, sdk.containsKey("otel.exporter.otlp.traces.headers")
            ? "otel.exporter.otlp.traces.headers"
            : "otel.exporter.otlp.headers");

    if (apiKey != null) {
      if (firstOf(sdk, "otel.exporter.otlp.traces.endpoint", "otel.exporter.otlp.endpoint") == null) {
        sdk.put("otel.exporter.otlp.traces.endpoint", MACKEREL_TRACES_ENDPOINT);
      }
      traceHeaders.put(API_KEY_HEADER, apiKey);
      // Mackerel runs behind AWS Lambda, which needs an Accept header.
      if (traceHeaders.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Accept"))) {
        traceHeaders.put("Accept", "*/*");
      }
      sdk.put("otel.exporter.otlp.traces.headers", formatHeaders(traceHeaders));
      if (firstOf(sdk, "otel.exporter.otlp.traces.compression", "otel.exporter.otlp.compression") == null) {
        sdk.put("otel.exporter.otlp.traces.compression", "gzip");
      }
    }
    // A tracing library: the SDK's metrics and logs exporters (OpenTelemetry's default is OTLP for both) would
    // add a thread per deployment, send what Mackerel does not take, and make every undeploy wait for a flush
    // to an endpoint that may not exist. Users who want them name an exporter.
    sdk.putIfAbsent("otel.metrics.exporter", "none");
    sdk.putIfAbsent("otel.logs.exporter", "none");
    batchSizes(sdk);
    return new SdkSettings(true, sdk, all, apiKey, warnings);
  }

  /**
   * The batch processor's sizes where the user set none: batches of up to 2048 spans in a queue of 8192, not
   * the SDK's 512 and 2048. The processor sends one batch at a time and waits for the answer, so a remote
   * endpoint bounds delivery at one batch per round trip: with 512, a 30 ms round trip delivers some 14,000
   * spans/s and drops the rest; 2048 carries 40,000 at 30 ms and 20,000 at 60 ms, and costs the export thread
   * a third less CPU per span (ExportBenchmark latency, docs/BENCHMARKS.md). 2048 spans gzipped are some
   * 70 KB, far below Mackerel's 6 MB; a full queue holds some 6 MB of heap. Values given are checked already.
   */
  private static void batchSizes(Map<String, String> sdk) {
    try {
      String batch = sdk.get(BATCH_SIZE);
      if (!sdk.containsKey(QUEUE_SIZE)) {
        int given = batch == null ? 0 : Integer.parseInt(batch.strip());
        sdk.put(QUEUE_SIZE, String.valueOf(Math.max(DEFAULT_QUEUE_SIZE, given)));
      }
      if (batch == null) {
        sdk.put(BATCH_SIZE, String.valueOf(Math.min(DEFAULT_BATCH_SIZE, Integer.parseInt(sdk.get(QUEUE_SIZE).strip()))));
      }
    } catch (NumberFormatException e) {
      // not reached: the checks refused it; the SDK's own defaults then apply
    }
  }

  /**
   * The properties with each of the library's true/false settings either true, false or absent: a value
   * that is neither is reported here, once, and its default used, so that the code reading it later (per
   * DataSource, per request) never has to complain again.
   */
  private static Map<String, String> withCheckedFlags(Map<String, String> properties, List<String> warnings) {
    Map<String, String> checked = null;
    for (Setting setting : Setting.values()) {
      String def = setting.defaultValue();
      String value = properties.get(setting.key());
      if (!("true".equals(def) || "false".equals(def)) || value == null || value.isBlank()) {
        continue;
      }
      String v = value.strip().toLowerCase(Locale.ROOT);
      if (v.equals("true") || v.equals("false")) {
        continue;
      }
      warnings.add(setting.key() + "='" + value + "' is neither true nor false; using " + def);
      if (checked == null) {
        checked = new LinkedHashMap<>(properties);
      }
      checked.put(setting.key(), def);
    }
    return checked == null ? properties : checked;
  }

  /** Whether the deployment is traced. */
  public boolean enabled() {
    return enabled;
  }

  /** The properties handed to the SDK's autoconfiguration; they contain the key when one is set. */
  public Map<String, String> sdkProperties() {
    return sdkProperties;
  }

  /** A setting's value as configured (never the key: use {@link #apiKey()}), or null. */
  @Nullable
  public String get(String key) {
    return allProperties.get(key);
  }

  /** The setting's value, or its default. */
  public String get(Setting setting) {
    String value = allProperties.get(setting.key());
    return value == null || value.isBlank() ? setting.defaultValue() : value;
  }

  /** Null when no key is set. */
  public String apiKey() {
    return apiKey;
  }

  /** Lines to log once at start-up: settings that were used but not as written. */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Where traces go, as log lines show it: credentials in the URL (user info, query) are masked, since
   * every line that names the endpoint would otherwise carry them.
   */
  public String tracesEndpoint() {
    String endpoint = sdkProperties.get("otel.exporter.otlp.traces.endpoint");
    if (endpoint == null) {
      String base = sdkProperties.getOrDefault("otel.exporter.otlp.endpoint", "http://localhost:4318");
      endpoint = base.endsWith("/") ? base + "v1/traces" : base + "/v1/traces";
    }
    return Secrets.maskUrlCredentials(endpoint);
  }

  public String tracesExporter() {
    return sdkProperties.getOrDefault("otel.traces.exporter", "otlp");
  }

  /**
   * Whether spans go to an OTLP endpoint ({@code otlp} among the traces exporters), so that the start-up
   * line names {@link #tracesEndpoint()} only when something is sent there.
   */
  public boolean exportsOverOtlp() {
    for (String exporter : tracesExporter().split(",")) {
      if (exporter.strip().equals("otlp")) {
        return true;
      }
    }
    return false;
  }

  public String sampler() {
    String sampler = sdkProperties.getOrDefault("otel.traces.sampler", "parentbased_always_on");
    String arg = sdkProperties.get("otel.traces.sampler.arg");
    return arg == null ? sampler : sampler + "(" + arg + ")";
  }

  private static String apiKey(String raw, List<String> warnings) throws InvalidSettingException {
    if (raw == null) {
      return null;
    }
    String key = raw.strip();
    if (key.isEmpty()) {
      warnings.add(Setting.API_KEY.key() + " is set but empty: ignored");
      return null;
    }
    if (!key.equals(raw)) {
      warnings.add(Setting.API_KEY.key() + " had leading or trailing white space: it was removed");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      // Only visible ASCII can travel in an HTTP header; anything else would be refused or mangled.
      if (c <= 0x20 || c >= 0x7f) {
        throw InvalidSettingException.secret(
            Setting.API_KEY.key(),
            "it contains a space, a control or a non-ASCII character (at position " + i
                + "), which an HTTP header cannot carry; copy the key again from Mackerel");
      }
    }
    return key;
  }

  static boolean parseBoolean(String property, String value) throws InvalidSettingException {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.equals("true")) {
      return true;
    }
    if (v.equals("false")) {
      return false;
    }
    throw new InvalidSettingException(property, value, "expected true or false");
  }

  private static String firstOf(Map<String, String> sdk, String first, String second) {
    String value = sdk.get(first);
    if (value == null || value.isBlank()) {
      value = sdk.get(second);
    }
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static void checkEndpoint(Map<String, String> sdk, String property) throws InvalidSettingException {
    String value = sdk.get(property);
    if (value == null) {
      return;
    }
    String expected = "expected an absolute http:// or https:// URL such as " + MACKEREL_TRACES_ENDPOINT;
    try {
      URI uri = new URI(value.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getPort() > 65535) {
        throw new InvalidSettingException(property, Secrets.maskUrlCredentials(value), expected);
      }
      if (uri.getRawQuery() != null) {
        // The exporter refuses it too, but with the query in its message: a token there would reach the log.
        throw new InvalidSettingException(property, Secrets.maskUrlCredentials(value),
            "the OTLP exporter takes no query string; send credentials in otel.exporter.otlp.headers");
      }
    } catch (URISyntaxException e) {
      throw new InvalidSettingException(property, Secrets.maskUrlCredentials(value), expected);
    }
  }

  /** Parses the SDK's header syntax ({@code k1=v1,k2=v2}, values URL-encoded). */
  private static Map<String, String> headers(Map<String, String> sdk, String property)
      throws InvalidSettingException {
    Map<String, String> headers = new LinkedHashMap<>();
    String value = sdk.get(property);
    if (value == null || value.isBlank()) {
      return headers;
    }
    for (String pair : value.split(",", -1)) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? "" : pair.substring(0, eq).strip();
      if (name.isEmpty() || !isToken(name)) {
        throw new InvalidSettingException(
            property, redactHeaderValues(value), "expected name=value pairs separated by commas");
      }
      String headerValue;
      try {
        headerValue = URLDecoder.decode(pair.substring(eq + 1).strip(), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new InvalidSettingException(
            property, redactHeaderValues(value), "header '" + name + "' has a malformed %-escape");
      }
      int bad = SdkPropertyChecks.badHeaderCharacter(headerValue);
      if (bad >= 0) {
        // Refused now rather than by the HTTP client at every export, whose message would show the value.
        throw new InvalidSettingException(property, redactHeaderValues(value), "the value of header '" + name
            + "' has a line break, a control or a non-Latin-1 character (at position " + bad
            + "), which an HTTP header cannot carry");
      }
      headers.put(name, headerValue);
    }
    return headers;
  }

  /** Header values may be credentials: error messages show names only. */
  private static String redactHeaderValues(String headers) {
    return headers.replaceAll("=[^,]*", "=***");
  }

  private static boolean isToken(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String formatHeaders(Map<String, String> headers) {
    StringBuilder out = new StringBuilder();
    headers.forEach(
        (name, value) -> {
          if (out.length() > 0) {
            out.append(',');
          }
          out.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
    return out.toString();
  }

  private static Map<String, String> resourceAttributes(Map<String, String> sdk) {
    Map<String, String> attributes = new LinkedHashMap<>();
    String value = sdk.get("otel.resource.attributes");
    if (value == null) {
      return attributes;
    }
    for (String pair : value.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        attributes.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
    }
    return attributes;
  }
}
