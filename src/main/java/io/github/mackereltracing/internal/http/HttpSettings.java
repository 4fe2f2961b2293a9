package io.github.mackereltracing.internal.http;

import io.github.mackereltracing.internal.config.SdkSettings;
import io.github.mackereltracing.internal.config.Setting;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Telemetry;
import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One deployment's HTTP settings, read once from its configuration. Immutable. */
public final class HttpSettings {
  private static final Logger LOG = Logger.getLogger(HttpSettings.class.getName());
  public static final HttpSettings DEFAULTS = from(null);

  private final PathPatterns excludedPaths;
  private final HeaderCapture serverRequestHeaders;
  private final HeaderCapture serverResponseHeaders;
  private final HeaderCapture clientRequestHeaders;
  private final HeaderCapture clientResponseHeaders;
  private final KnownMethods knownMethods;
  private final List<String> refusedHeaders;

  private HttpSettings(
      PathPatterns excludedPaths,
      HeaderCapture serverRequestHeaders,
      HeaderCapture serverResponseHeaders,
      HeaderCapture clientRequestHeaders,
      HeaderCapture clientResponseHeaders,
      KnownMethods knownMethods,
      List<String> refusedHeaders) {
    this.excludedPaths = excludedPaths;
    this.serverRequestHeaders = serverRequestHeaders;
    this.serverResponseHeaders = serverResponseHeaders;
    this.clientRequestHeaders = clientRequestHeaders;
    this.clientResponseHeaders = clientResponseHeaders;
    this.knownMethods = knownMethods;
    this.refusedHeaders = List.copyOf(new LinkedHashSet<>(refusedHeaders));
  }

  /** The deployment's HTTP settings, read once per deployment; see {@link #of(Telemetry)}. */
  public static final Telemetry.Feature<HttpSettings> FEATURE = HttpSettings::read;

  /** The deployment's HTTP settings; the defaults when its configuration is invalid or unreadable. */
  public static HttpSettings of(DeploymentTracing tracing) {
    return of(tracing.telemetry());
  }

  /** The deployment's HTTP settings, read once; the defaults when its configuration is invalid or unreadable. */
  public static HttpSettings of(Telemetry telemetry) {
    return telemetry.feature(FEATURE);
  }

  private static HttpSettings read(Telemetry telemetry) {
    try {
      return from(telemetry.settings());
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "Mackerel tracing: HTTP settings could not be read; using the defaults", e);
      return DEFAULTS;
    }
  }

  /** Reads the settings; null settings give the defaults. */
  public static HttpSettings from(@Nullable SdkSettings settings) {
    List<String> refused = new ArrayList<>();
    return new HttpSettings(
            PathPatterns.parse(value(settings, Setting.HTTP_EXCLUDED_PATHS)),
            HeaderCapture.parse(
                value(settings, Setting.HTTP_SERVER_REQUEST_HEADERS), "http.request.header.", refused),
            HeaderCapture.parse(
                value(settings, Setting.HTTP_SERVER_RESPONSE_HEADERS), "http.response.header.", refused),
            HeaderCapture.parse(
                value(settings, Setting.HTTP_CLIENT_REQUEST_HEADERS), "http.request.header.", refused),
            HeaderCapture.parse(
                value(settings, Setting.HTTP_CLIENT_RESPONSE_HEADERS), "http.response.header.", refused),
            knownMethods(value(settings, Setting.HTTP_KNOWN_METHODS)),
            refused);
  }

  /** Logs, once per deployment (the servlet filter calls it at start-up), what the settings could not do. */
  public void logWarnings(String deploymentName) {
    if (!refusedHeaders.isEmpty()) {
      LOG.warning("Mackerel tracing, " + deploymentName + ": these headers carry credentials and are never"
          + " recorded, although the capture-*-headers settings name them: " + refusedHeaders);
    }
  }

  /** The header names the capture settings named but that are never recorded. */
  public List<String> refusedHeaders() {
    return refusedHeaders;
  }

  /**
   * The setting's value or default. Keys with dashes are also looked up with dots, the form an environment
   * variable such as OTEL_INSTRUMENTATION_HTTP_KNOWN_METHODS takes when no MicroProfile Config maps it.
   */
  static String value(SdkSettings settings, Setting setting) {
    if (settings == null) {
      return setting.defaultValue();
    }
    String value = settings.get(setting.key());
    if ((value == null || value.isBlank()) && setting.key().indexOf('-') >= 0) {
      value = settings.get(setting.key().replace('-', '.'));
    }
    return value == null || value.isBlank() ? setting.defaultValue() : value;
  }

  private static KnownMethods knownMethods(String value) {
    if (value == null || value.isBlank()) {
      return KnownMethods.DEFAULT;
    }
    Set<String> methods = new LinkedHashSet<>();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        methods.add(part.strip());
      }
    }
    return methods.isEmpty() ? KnownMethods.DEFAULT : new KnownMethods(methods);
  }

  public PathPatterns excludedPaths() {
    return excludedPaths;
  }

  public HeaderCapture serverRequestHeaders() {
    return serverRequestHeaders;
  }

  public HeaderCapture serverResponseHeaders() {
    return serverResponseHeaders;
  }

  public HeaderCapture clientRequestHeaders() {
    return clientRequestHeaders;
  }

  public HeaderCapture clientResponseHeaders() {
    return clientResponseHeaders;
  }

  public KnownMethods knownMethods() {
    return knownMethods;
  }
}
