package io.github.mackereltracing.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which spans are known to be dropped without asking the sampler, for the samplers users configure. */
class SamplingShortcutTest {
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final SpanContext ROOT = SpanContext.getInvalid();
  private static final SpanContext SAMPLED_LOCAL =
      SpanContext.create(TRACE, "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());
  private static final SpanContext UNSAMPLED_LOCAL =
      SpanContext.create(TRACE, "b7ad6b7169203331", TraceFlags.getDefault(), TraceState.getDefault());
  private static final SpanContext SAMPLED_REMOTE =
      SpanContext.createFromRemoteParent(TRACE, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
  private static final SpanContext UNSAMPLED_REMOTE =
      SpanContext.createFromRemoteParent(TRACE, "00f067aa0ba902b7", TraceFlags.getDefault(), TraceState.getDefault());

  /** The sampler the SDK's autoconfiguration makes of {@code otel.traces.sampler=name}. */
  private static Sampler configured(String name, String arg) {
    Map<String, String> properties = new java.util.HashMap<>(Map.of(
        "otel.traces.sampler", name, "otel.traces.exporter", "none", "otel.metrics.exporter", "none",
        "otel.logs.exporter", "none"));
    if (arg != null) {
      properties.put("otel.traces.sampler.arg", arg);
    }
    var sdk = AutoConfiguredOpenTelemetrySdk.builder()
        .disableShutdownHook()
        .addPropertiesSupplier(() -> properties)
        .build()
        .getOpenTelemetrySdk();
    try {
      return sdk.getSdkTracerProvider().getSampler();
    } finally {
      sdk.close();
    }
  }

  private static boolean[] drops(SamplingShortcut shortcut) {
    return new boolean[] {
      shortcut.drops(ROOT), shortcut.drops(SAMPLED_LOCAL), shortcut.drops(UNSAMPLED_LOCAL),
      shortcut.drops(SAMPLED_REMOTE), shortcut.drops(UNSAMPLED_REMOTE)
    };
  }

  @Test
  void alwaysOffDropsEverySpan() {
    assertThat(drops(SamplingShortcut.of(configured("always_off", null))))
        .containsExactly(true, true, true, true, true);
  }

  @Test
  void parentBasedDropsTheChildrenOfUnsampledParents() {
    // The default: roots and sampled parents are sampled, unsampled parents' children are not.
    assertThat(drops(SamplingShortcut.of(configured("parentbased_always_on", null))))
        .containsExactly(false, false, true, false, true);
    // A ratio decides roots: it is asked.
    assertThat(drops(SamplingShortcut.of(configured("parentbased_traceidratio", "0.25"))))
        .containsExactly(false, false, true, false, true);
  }

  @Test
  void parentBasedAlwaysOffDropsRootsToo() {
    assertThat(drops(SamplingShortcut.of(configured("parentbased_always_off", null))))
        .containsExactly(true, false, true, false, true);
  }

  @Test
  void samplersThatDecideForThemselvesAreAlwaysAsked() {
    for (Sampler sampler : new Sampler[] {
      configured("always_on", null),
      configured("traceidratio", "0"),
      // Built in code, a parent-based sampler may sample the children of unsampled parents.
      Sampler.parentBasedBuilder(Sampler.alwaysOn()).setRemoteParentNotSampled(Sampler.alwaysOn()).build(),
      Sampler.parentBasedBuilder(Sampler.alwaysOn()).setLocalParentNotSampled(Sampler.alwaysOn()).build(),
      Sampler.parentBasedBuilder(Sampler.alwaysOff()).setLocalParentNotSampled(Sampler.alwaysOn()).build(),
      null
    }) {
      assertThat(drops(SamplingShortcut.of(sampler))).as(String.valueOf(sampler))
          .containsExactly(false, false, false, false, false);
    }
  }
}
