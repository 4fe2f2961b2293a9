package io.github.mackereltracing.testing;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Turns tracing on, exporting to {@link MemorySpanExporterProvider}, for the deployments a test class starts
 * (with weld-junit, say): {@code @ExtendWith(InMemoryTracing.class)}. It sets the settings as system
 * properties for the class's duration (MicroProfile Config's cache is released on both ends), and clears the
 * received spans before each test. A class that needs tracing off extends {@link Disabled} instead.
 */
public class InMemoryTracing implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private final Map<String, String> settings;
  private final Map<String, String> previous = new HashMap<>();

  public InMemoryTracing() {
    this(enabled());
  }

  protected InMemoryTracing(Map<String, String> settings) {
    this.settings = settings;
  }

  private static Map<String, String> enabled() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("otel.sdk.disabled", "false");
    settings.put("otel.traces.exporter", MemorySpanExporterProvider.NAME);
    settings.put("otel.metrics.exporter", "none");
    settings.put("otel.logs.exporter", "none");
    // Big enough that a test making thousands of spans loses none; flushed on demand by finishedSpans().
    settings.put("otel.bsp.max.queue.size", "100000");
    settings.put("otel.bsp.schedule.delay", "50");
    return settings;
  }

  /** Tracing off, as a deployment without a Mackerel key has it. */
  public static final class Disabled extends InMemoryTracing {
    public Disabled() {
      super(Map.of("otel.sdk.disabled", "true"));
    }
  }

  /** Tracing on with {@code otel.traces.sampler=always_off}: nothing is sampled. */
  public static final class SamplingOff extends InMemoryTracing {
    public SamplingOff() {
      super(withSampler("always_off"));
    }
  }

  private static Map<String, String> withSampler(String sampler) {
    Map<String, String> settings = enabled();
    settings.put("otel.traces.sampler", sampler);
    return settings;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    settings.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
    releaseConfig();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    previous.forEach(
        (key, value) -> {
          if (value == null) {
            System.clearProperty(key);
          } else {
            System.setProperty(key, value);
          }
        });
    previous.clear();
    releaseConfig();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    MemorySpanExporterProvider.SPANS.reset();
  }

  private static void releaseConfig() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig(loader));
  }

  /**
   * Every span ended so far, in the order they ended: flushes the SDK of the deployment this thread works
   * for first, so spans ended before the call are all there.
   */
  public static List<SpanData> finishedSpans() {
    DeploymentTracing tracing = Deployments.current();
    if (tracing != null && tracing.openTelemetry() instanceof OpenTelemetrySdk sdk) {
      sdk.getSdkTracerProvider().forceFlush().join(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
    return MemorySpanExporterProvider.SPANS.getFinishedSpanItems();
  }

  /** The one finished span named {@code name}; fails when there is none or more than one. */
  public static SpanData span(String name) {
    List<SpanData> named = finishedSpans().stream().filter(s -> s.getName().equals(name)).toList();
    if (named.size() != 1) {
      throw new AssertionError("expected one span named '" + name + "', got " + names(finishedSpans()));
    }
    return named.get(0);
  }

  /** Waits until a span matching {@code condition} has ended (one ended on another thread, say). */
  public static SpanData awaitSpan(Predicate<SpanData> condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      List<SpanData> spans = finishedSpans();
      for (SpanData span : spans) {
        if (condition.test(span)) {
          return span;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no matching span within " + TIMEOUT + "; got " + names(spans));
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /** Waits until at least {@code count} spans have ended, and returns them all. */
  public static List<SpanData> awaitSpans(int count) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    List<SpanData> spans = finishedSpans();
    while (spans.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + count + " spans within " + TIMEOUT + ", got " + spans.size());
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      spans = finishedSpans();
    }
    return spans;
  }

  public static List<String> names(List<SpanData> spans) {
    return spans.stream().map(SpanData::getName).toList();
  }
}
