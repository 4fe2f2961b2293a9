package io.github.mackereltracing.internal.http;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;

/**
 * The HTTP settings of the deployment a filter instance last served. A JAX-RS provider instance almost
 * always serves one deployment, so one entry, compared by identity, avoids any map on the hot path and holds
 * nothing a redeploy would need back (the filter goes with its deployment).
 */
public final class HttpSettingsCache {
  private static final class Entry {
    final DeploymentTracing tracing;
    final HttpSettings settings;

    Entry(DeploymentTracing tracing, HttpSettings settings) {
      this.tracing = tracing;
      this.settings = settings;
    }
  }

  private volatile Entry last;

  public HttpSettings get(DeploymentTracing tracing) {
    Entry entry = last;
    if (entry != null && entry.tracing == tracing) {
      return entry.settings;
    }
    HttpSettings settings = HttpSettings.of(tracing);
    last = new Entry(tracing, settings);
    return settings;
  }
}
