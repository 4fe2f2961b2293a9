package io.github.mackereltracing.internal.runtime;

import io.github.mackereltracing.internal.config.ConfigReader;
import io.github.mackereltracing.internal.config.InvalidSettingException;
import io.github.mackereltracing.internal.config.SdkSettings;
import io.github.mackereltracing.internal.config.Secrets;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import jakarta.annotation.Nullable;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of one deployment's tracing: what the servlet and CDI sides tell it at start-up (the name, the
 * context parameters, a server's telemetry bean), the {@link Telemetry} built from that once, on first need,
 * and the shutdown (flushing queued spans) at undeploy. Features receive the {@link Telemetry} ({@link
 * #active()} on their hot paths) and never unpack this. Thread-safe; reads after start-up take no lock.
 */
public final class DeploymentTracing {
  private static final Logger LOG = Logger.getLogger(DeploymentTracing.class.getName());
  /** Instrumentation scope of every span this library makes. */
  public static final String SCOPE = Telemetry.SCOPE;
  private static final long SHUTDOWN_SECONDS = 10;

  private final ClassLoader classLoader;
  private final Object lock = new Object();
  // What the servlet and CDI sides report before the start; read once, by the start.
  @Nullable private volatile String deploymentName;
  @Nullable private volatile String serverInfo;
  private volatile Map<String, String> deploymentParams = Collections.emptyMap();
  private volatile boolean cdiAttached;
  // CDI has started; the SDK waits for the servlet context's start, or builds on first use.
  private volatile boolean cdiStarted;
  @Nullable private volatile String serverTelemetryBean;
  // The outcome.
  @Nullable private volatile Telemetry started;
  private volatile boolean closed;

  DeploymentTracing(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  public ClassLoader classLoader() {
    return classLoader;
  }

  /** Called by the servlet initializer: the deployment's name and its context parameters. */
  public void attachServletContext(String name, Map<String, String> contextParams, @Nullable String serverInfo) {
    this.deploymentName = name;
    this.serverInfo = serverInfo;
    this.deploymentParams = Map.copyOf(contextParams);
  }

  /** Whether the servlet context has told the deployment's name. */
  public boolean servletContextAttached() {
    return deploymentName != null;
  }

  /** Called by the CDI extension: CDI manages this deployment, so the SDK waits for CDI to start. */
  public void attachCdi() {
    this.cdiAttached = true;
  }

  public boolean cdiAttached() {
    return cdiAttached;
  }

  /**
   * Called by CDI's start-up event. From now on the SDK may be built: on the servlet context's start when
   * the servlet side has yet to tell the deployment's name and context parameters (Payara boots CDI before
   * the web module), otherwise at once; and in any case on first use, {@link #active()} included.
   */
  public void cdiStarted() {
    this.cdiStarted = true;
  }

  /** Whether CDI's start-up event has been seen, so that the servlet context's start should build the SDK. */
  public boolean cdiStartedBefore() {
    return cdiStarted;
  }

  /**
   * Called by the CDI extension when the deployment has a server's MicroProfile Telemetry bean ({@link
   * ServerMpTelemetry#isServerBean}); the first one is kept, to be named in the log. Tracing steps aside if
   * the settings also switch MicroProfile Telemetry on.
   */
  public void serverTelemetryBean(String beanClass) {
    if (serverTelemetryBean == null) {
      serverTelemetryBean = beanClass;
    }
  }

  /**
   * Called before the server's own extensions validate the deployment. Where the server's SDK, switched on,
   * will fail the deployment (Payara), the library decides now, so that its line saying why and what to do
   * is in the log above the server's terse failure. Elsewhere the decision waits for the start, when the
   * deployment's name is known.
   */
  public void decideEarlyIfServerWillFail() {
    String serverBean = serverTelemetryBean;
    if (serverBean == null || !ServerMpTelemetry.failsWarsWithTheSdk(serverBean) || started != null) {
      return;
    }
    try {
      if (ServerMpTelemetry.switchedOn(ConfigReader.read(classLoader, deploymentParams))) {
        start();
      }
    } catch (RuntimeException | LinkageError e) {
      // The configuration cannot be read now; the start will say so.
    }
  }

  /**
   * Whether the server's own MicroProfile Telemetry traces this deployment, so that the library makes no
   * spans for it. Starts tracing if needed.
   */
  public boolean steppedAside() {
    return start().steppedAside;
  }

  /** The deployment's telemetry, started if need be: what features are handed. */
  public Telemetry telemetry() {
    return start();
  }

  /**
   * The telemetry while it records spans, else null (disabled, undeployed, or before CDI's start-up event in
   * a CDI deployment). Builds it on first use once CDI has started but the servlet context has not (a span
   * made by a start-up observer, an EJB jar with no servlet side), so that no span is lost. The check on
   * every hot path: two volatile reads once built.
   */
  @Nullable
  public Telemetry active() {
    Telemetry t = started;
    if (t == null) {
      if (!cdiStarted) {
        return null;
      }
      t = start();
    }
    return t.records() && !closed ? t : null;
  }

  /** The deployment's OpenTelemetry: the SDK when tracing is on, a no-op otherwise. Starts it if needed. */
  public OpenTelemetry openTelemetry() {
    return start().openTelemetry();
  }

  /** The library's tracer for this deployment. Starts tracing if needed. */
  public Tracer tracer() {
    return start().tracer();
  }

  /** Whether spans are recorded and exported (false before start, when disabled, and after undeploy). */
  public boolean enabled() {
    return active() != null;
  }

  /** Builds the SDK unless it is built, disabled or shut down; never throws. */
  public void startNow() {
    start();
  }

  private Telemetry start() {
    Telemetry s = started;
    if (s != null) {
      return s;
    }
    synchronized (lock) {
      if (started == null) {
        started = closed ? noop(null) : build();
      }
      return started;
    }
  }

  private Telemetry build() {
    String name = deploymentName();
    SdkSettings settings;
    try {
      Map<String, String> properties = ConfigReader.read(classLoader, deploymentParams);
      String serverBean = serverTelemetryBean;
      if (serverBean != null && ServerMpTelemetry.switchedOn(properties)) {
        return stepAside(name, serverBean, properties);
      }
      settings = SdkSettings.resolve(properties, name);
    } catch (InvalidSettingException e) {
      LOG.severe("Mackerel tracing is OFF for deployment '" + name + "': " + e.getMessage()
          + ". The application runs untraced; fix the setting and redeploy.");
      return noop(null);
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.SEVERE, "Mackerel tracing is OFF for deployment '" + name
          + "': its configuration could not be read (" + e + ")");
      return noop(null);
    }
    settings.warnings().forEach(w -> LOG.warning("Mackerel tracing, deployment '" + name + "': " + w));
    if (!settings.enabled()) {
      LOG.info("Mackerel tracing is disabled for deployment '" + name + "'. To enable it, set "
          + "MACKEREL_API_KEY (or mackerel.api-key), or otel.sdk.disabled=false to export elsewhere.");
      return noop(settings);
    }
    String foreign = ForeignOpenTelemetry.problem(serverInfo);
    if (foreign != null) {
      LOG.severe("Mackerel tracing is OFF for deployment '" + name + "': " + foreign);
      return noop(settings);
    }
    SdkFactory.Built built;
    try {
      built = SdkFactory.create(settings, classLoader, name);
    } catch (RuntimeException | LinkageError | java.util.ServiceConfigurationError e) {
      LOG.severe("Mackerel tracing is OFF for deployment '" + name + "': "
          + sentence(Secrets.scrub(describe(e), settings.apiKey()))
          + " The application runs untraced; fix the setting and redeploy.");
      return noop(settings);
    }
    OpenTelemetrySdk sdk = built.sdk();
    boolean global = setGlobal(sdk);
    // An endpoint nothing is sent to (console, an SPI exporter) would only mislead whoever reads the line.
    LOG.info("Mackerel tracing is enabled for deployment '" + name + "': exporter="
        + settings.tracesExporter()
        + (settings.exportsOverOtlp() ? ", endpoint=" + settings.tracesEndpoint() : "") + ", service.name="
        + SdkFactory.serviceName(sdk) + ", sampler=" + settings.sampler() + ", api key="
        + Secrets.mask(settings.apiKey()));
    return new Telemetry(settings, sdk, sdk, global, false, built.losses());
  }

  /**
   * The server's own MicroProfile Telemetry traces the deployment: one warning, and no SDK, no span, no
   * thread of ours. Settings the server accepts and we would refuse (an OTLP protocol of grpc) are not ours
   * to complain about then.
   */
  private Telemetry stepAside(String name, String serverBean, Map<String, String> properties) {
    SdkSettings settings;
    try {
      settings = SdkSettings.resolve(properties, name);
    } catch (InvalidSettingException e) {
      settings = null;
    }
    // SEVERE where the server is about to fail the deployment; otherwise the application runs, traced by the server.
    LOG.log(ServerMpTelemetry.failsWarsWithTheSdk(serverBean) ? Level.SEVERE : Level.WARNING,
        ServerMpTelemetry.stepAsideMessage(name, serverBean, serverInfo));
    return Telemetry.off(settings, true);
  }

  /**
   * The SDK's message, with its cause's when it says no more than "Unexpected configuration error" (how the
   * autoconfiguration wraps what a builder refused).
   */
  private static String describe(Throwable e) {
    String message = String.valueOf(e.getMessage());
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && message.startsWith("Unexpected configuration error")) {
      message = sentence(message) + " " + cause.getMessage();
    }
    return message;
  }

  /** The SDK's messages end with one period, or two, or none. */
  private static String sentence(String message) {
    String trimmed = message.strip();
    while (trimmed.endsWith(".")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed + ".";
  }

  private static Telemetry noop(@Nullable SdkSettings settings) {
    return Telemetry.off(settings, false);
  }

  /**
   * GlobalOpenTelemetry is set only when its class belongs to this deployment (the library inside the
   * WAR): a copy shared by several deployments must not hand one deployment's SDK to the others.
   */
  private boolean setGlobal(OpenTelemetrySdk sdk) {
    if (GlobalOpenTelemetry.class.getClassLoader() != classLoader) {
      return false;
    }
    try {
      GlobalOpenTelemetry.set(sdk);
      return true;
    } catch (IllegalStateException alreadySet) {
      // Other code of the WAR (an agent, a library, the application) set it first: whatever reads
      // GlobalOpenTelemetry gets that one, and its spans are not ours.
      LOG.warning("Mackerel tracing, deployment '" + deploymentName() + "': GlobalOpenTelemetry was already set by"
          + " other code, so GlobalOpenTelemetry.get() does not return this library's SDK; use"
          + " MackerelTracing.openTelemetry() or an injected OpenTelemetry instead");
      return false;
    }
  }

  private String deploymentName() {
    String name = deploymentName;
    if (name != null && !name.isBlank()) {
      return name;
    }
    String loaderName = classLoader.getName();
    if (loaderName == null || loaderName.isBlank() || loaderName.equals("app")) {
      return "jakarta-application";
    }
    // WildFly names a WAR's module loader "deployment.example.war".
    String module = loaderName.startsWith("deployment.") ? loaderName.substring("deployment.".length()) : loaderName;
    return module.endsWith(".war") || module.endsWith(".ear") || module.endsWith(".jar")
        ? module.substring(0, module.length() - 4)
        : module;
  }

  /** Flushes and stops the SDK within a bounded wait. Idempotent. */
  void shutdown() {
    Telemetry s;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      s = started;
    }
    OpenTelemetrySdk sdk = s == null ? null : s.sdk();
    if (sdk == null) {
      return;
    }
    if (s.global) {
      GlobalOpenTelemetry.resetForTest();
    }
    CompletableResultCode result = sdk.shutdown().join(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
    if (!result.isDone()) {
      LOG.warning("Mackerel tracing, deployment '" + deploymentName() + "': spans were still being sent after "
          + SHUTDOWN_SECONDS + " s at undeploy; the rest were dropped");
    }
    // After the flush, or after its wait ran out: whatever was not delivered by now is counted as lost.
    if (s.losses != null) {
      s.losses.close();
    }
  }
}
