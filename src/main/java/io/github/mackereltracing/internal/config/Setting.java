package io.github.mackereltracing.internal.config;

import jakarta.annotation.Nullable;
import java.util.Locale;

/**
 * The library's own settings (the {@code otel.*} keys belong to the OpenTelemetry SDK and are passed to it
 * as they are). Each setting is read from MicroProfile Config, else from system properties, environment
 * variables ({@link #envName()}) and servlet context parameters. docs/configuration.md is checked against
 * this list by a test.
 */
public enum Setting {
  API_KEY(
      "mackerel.api-key",
      null,
      "Mackerel API key with Write permission. Setting it enables tracing (unless otel.sdk.disabled says"
          + " otherwise) and points the OTLP exporter at Mackerel with the headers it needs."),
  HOST_ID_FILE(
      "mackerel.host-id-file",
      "/var/lib/mackerel-agent/id",
      "File in which the local mackerel-agent keeps its host id. When readable, its content becomes the"
          + " host.id resource attribute, so that Mackerel links traces to the host's metrics."),
  JDBC_ROOT_SPANS(
      "mackerel.jdbc.root-spans",
      "false",
      "Whether a traced DataSource makes statement spans outside any trace (start-up scripts, timers, pool"
          + " housekeeping), each then the root of a trace of its own. Off by default: Mackerel bills per span,"
          + " and such spans are mostly noise."),
  JDBC_CONNECTION_SPANS(
      "mackerel.jdbc.connection-spans",
      "false",
      "Whether a traced DataSource also makes a span for each getConnection() call, showing the time spent"
          + " waiting for the pool. The OpenTelemetry agent's otel.instrumentation.jdbc-datasource.enabled=true"
          + " turns them on too."),
  JDBC_LEGACY_ATTRIBUTES(
      "mackerel.jdbc.legacy-attributes",
      "false",
      "Whether statement spans also carry the attributes of the older database conventions (db.system with"
          + " its old values such as h2, db.statement, db.name) for tools that still read them. The"
          + " OpenTelemetry convention otel.semconv-stability.opt-in=database/dup turns them on too."),
  JDBC_CDI_WRAP(
      "mackerel.jdbc.cdi-wrap",
      "true",
      "Whether every javax.sql.DataSource that a CDI producer method or field provides, or that the server"
          + " injects into a @Resource field, is traced without code. Set to false to trace only what the"
          + " application wraps with TracedDataSource.wrap."),
  LOGS_TRACE_IDS(
      "mackerel.logs.trace-ids",
      "true",
      "Whether log records written while a span is current carry its trace_id and span_id in the MDC of"
          + " SLF4J (Logback, Log4j 2) and JBoss Logging (WildFly), and in what TraceIdLogFilter adds to"
          + " java.util.logging records. Only the two ids, never baggage."),
  TIMER_SPANS(
      "mackerel.timer-spans",
      "true",
      "Whether each EJB timer callback (@Schedule, @Timeout) and each run of a periodic task of an injected"
          + " ManagedScheduledExecutorService is the root INTERNAL span of a trace of its own, with its SQL"
          + " below. Set to false when they are noise: Mackerel bills per span."),
  HTTP_EXCLUDED_PATHS(
      "mackerel.http.excluded-paths",
      "/health*,/metrics*,/openapi*",
      "Request paths, relative to the context root, that get no SERVER span (nor child spans): comma-separated"
          + " patterns where * stands for any characters. The default leaves out the MicroProfile Health,"
          + " Metrics and OpenAPI endpoints. 'none' traces every path."),
  HTTP_SERVER_REQUEST_HEADERS(
      "otel.instrumentation.http.server.capture-request-headers",
      null,
      "Request headers recorded on SERVER spans as http.request.header.<name> (comma-separated names)."
          + " Authorization, Cookie, Set-Cookie, Proxy-Authorization and Mackerel-Api-Key are never recorded."),
  HTTP_SERVER_RESPONSE_HEADERS(
      "otel.instrumentation.http.server.capture-response-headers",
      null,
      "Response headers recorded on SERVER spans as http.response.header.<name> (comma-separated names)."),
  HTTP_CLIENT_REQUEST_HEADERS(
      "otel.instrumentation.http.client.capture-request-headers",
      null,
      "Request headers recorded on CLIENT spans of REST client calls as http.request.header.<name>."),
  HTTP_CLIENT_RESPONSE_HEADERS(
      "otel.instrumentation.http.client.capture-response-headers",
      null,
      "Response headers recorded on CLIENT spans of REST client calls as http.response.header.<name>."),
  HTTP_KNOWN_METHODS(
      "otel.instrumentation.http.known-methods",
      "CONNECT,DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT,TRACE",
      "HTTP methods reported as they are (case-sensitive, full replacement of the default list); any other"
          + " method is reported as _OTHER and named HTTP in span names.");

  private final String key;
  private final String defaultValue;
  private final String description;

  Setting(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The property name, as written in microprofile-config.properties. */
  public String key() {
    return key;
  }

  /** The environment variable, mapped from the key the way MicroProfile Config maps it. */
  public String envName() {
    return envNameOf(key);
  }

  /** The default, or null when there is none. */
  @Nullable
  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** MicroProfile Config's mapping: every character that is not a letter or digit becomes '_', upper case. */
  static String envNameOf(String key) {
    StringBuilder name = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      name.append(Character.isLetterOrDigit(c) ? c : '_');
    }
    return name.toString().toUpperCase(Locale.ROOT);
  }

  /** The setting whose environment variable is {@code envName}, or null. */
  @Nullable
  static Setting forEnvName(String envName) {
    for (Setting setting : values()) {
      if (setting.envName().equals(envName)) {
        return setting;
      }
    }
    return null;
  }
}
