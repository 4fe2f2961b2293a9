package io.github.mackereltracing.internal.runtime;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.annotation.Nullable;

/**
 * What the deployment's sampler will decide, where that is known without asking it, so that a span it would
 * drop is not built at all: no ids, no attributes, no new context, which is nearly all an unsampled span
 * costs. Known for the SDK's own samplers as the autoconfiguration makes them ({@code always_off}, and the
 * {@code parentbased_*} family, whose children follow an unsampled parent); any other sampler is always
 * asked. Immutable.
 *
 * <p>A span skipped this way leaves the parent's context current where the SDK would have made a
 * non-recording child with a span id of its own: calls made inside carry the parent's ids, still marked
 * unsampled, and with {@code always_off} and no parent they carry no trace context at all.
 */
public final class SamplingShortcut {
  /** Nothing known: every span is built and the sampler decides. */
  public static final SamplingShortcut NONE = new SamplingShortcut(false, false, false);

  private static final String PARENT_BASED = "io.opentelemetry.sdk.trace.samplers.ParentBasedSampler";
  private static final String OFF = Sampler.alwaysOff().getDescription();

  private final boolean dropsAll;
  private final boolean dropsRoots;
  private final boolean followsUnsampledParent;

  private SamplingShortcut(boolean dropsAll, boolean dropsRoots, boolean followsUnsampledParent) {
    this.dropsAll = dropsAll;
    this.dropsRoots = dropsRoots;
    this.followsUnsampledParent = followsUnsampledParent;
  }

  /** What can be known of {@code sampler}; {@link #NONE} for a sampler of unknown behaviour. */
  static SamplingShortcut of(@Nullable Sampler sampler) {
    if (sampler == null) {
      return NONE;
    }
    if (sampler == Sampler.alwaysOff()) {
      return new SamplingShortcut(true, true, true);
    }
    if (!sampler.getClass().getName().equals(PARENT_BASED)) {
      return NONE;
    }
    // The SDK's parent-based sampler describes its five delegates in a fixed order; both unsampled-parent
    // delegates are AlwaysOff unless set in code (the autoconfiguration never sets them).
    String description = sampler.getDescription();
    boolean followsUnsampled = description.endsWith(",localParentNotSampled:" + OFF + "}")
        && description.contains(",remoteParentNotSampled:" + OFF + ",localParentSampled:");
    if (!followsUnsampled) {
      return NONE;
    }
    return new SamplingShortcut(false, sampler.equals(Sampler.parentBased(Sampler.alwaysOff())), true);
  }

  /**
   * Whether a span whose parent is {@code parent} (invalid for a root) is surely dropped by the sampler.
   */
  public boolean drops(SpanContext parent) {
    if (dropsAll) {
      return true;
    }
    if (!parent.isValid()) {
      return dropsRoots;
    }
    return followsUnsampledParent && !parent.isSampled();
  }

  @Override
  public String toString() {
    return "SamplingShortcut{dropsAll=" + dropsAll + ", dropsRoots=" + dropsRoots
        + ", followsUnsampledParent=" + followsUnsampledParent + "}";
  }
}
