package io.github.mackereltracing.internal.runtime;

/**
 * Releases what something outside the library (a server's cache) holds of a deployment because of our
 * classes. Implementations are features' own, listed in {@code
 * META-INF/services/io.github.mackereltracing.internal.runtime.UndeployCleanup}, so that this package names no
 * feature. Called by {@link Deployments#undeploy} at every undeploy callback: it must be cheap, idempotent,
 * and never throw.
 */
public interface UndeployCleanup {
  void afterUndeploy(ClassLoader deploymentLoader);
}
