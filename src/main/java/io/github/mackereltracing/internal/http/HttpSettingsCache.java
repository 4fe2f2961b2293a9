package io.github.mackereltracing.internal.http;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import java.lang.ref.WeakReference;

/**
 * The HTTP settings of the deployment last served. Nearly every caller serves one deployment, so one entry,
 * compared by identity, avoids any map and lock on the hot path. The deployment is held weakly: a cache in a
 * static field of a library shared by several deployments must not keep an undeployed one alive.
 */
public final class HttpSettingsCache {
  private static final class Entry {
    final WeakReference<DeploymentTracing> tracing;
    final HttpSettings settings;

    Entry(DeploymentTracing tracing, HttpSettings settings) {
      this.tracing = new WeakReference<>(tracing);
      this.settings = settings;
    }
  }

  private volatile Entry last;

  public HttpSettings get(DeploymentTracing tracing) {
    Entry entry = last;
    if (entry != null && entry.tracing.get() == tracing) {
      return entry.settings;
    }
    HttpSettings settings = HttpSettings.of(tracing);
    last = new Entry(tracing, settings);
    return settings;
  }
}
