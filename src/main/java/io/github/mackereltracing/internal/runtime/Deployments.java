package io.github.mackereltracing.internal.runtime;

import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds the tracing of the deployment a thread works for. A deployment is known by its class loader: the
 * library may be one copy shared by many deployments (as in the TCK, or in a server's shared library), so
 * nothing here is a per-JVM singleton of tracing state. Entries are removed at undeploy.
 */
public final class Deployments {
  private static final Logger LOG = Logger.getLogger(Deployments.class.getName());
  private static final Map<ClassLoader, DeploymentTracing> BY_LOADER = new ConcurrentHashMap<>();

  private Deployments() {}

  /** The deployment's tracing, created by whichever of the CDI extension or the initializer asks first. */
  public static DeploymentTracing getOrCreate(ClassLoader deploymentLoader) {
    return BY_LOADER.computeIfAbsent(deploymentLoader, DeploymentTracing::new);
  }

  /**
   * The tracing of the deployment the current thread works for (its context class loader, or one of
   * that loader's parents, else the loader of this library when it lives inside a WAR), or null.
   */
  @Nullable
  public static DeploymentTracing current() {
    if (BY_LOADER.isEmpty()) {
      return null;
    }
    DeploymentTracing tracing = find(Thread.currentThread().getContextClassLoader());
    return tracing != null ? tracing : find(Deployments.class.getClassLoader());
  }

  @Nullable
  private static DeploymentTracing find(@Nullable ClassLoader loader) {
    for (ClassLoader l = loader; l != null; l = l.getParent()) {
      DeploymentTracing tracing = BY_LOADER.get(l);
      if (tracing != null) {
        return tracing;
      }
    }
    return null;
  }

  /**
   * Shuts the deployment's tracing down and forgets it; the shutdown happens once. Called by each undeploy
   * callback (servlet, CDI), each time also releasing what a server cached for the deployment because of
   * our classes, since the application may still have made something cacheable between two callbacks.
   */
  public static void undeploy(DeploymentTracing tracing) {
    BY_LOADER.remove(tracing.classLoader(), tracing);
    tracing.shutdown();
    for (UndeployCleanup cleanup : Cleanups.ALL) {
      try {
        cleanup.afterUndeploy(tracing.classLoader());
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.FINE, "Mackerel tracing: an undeploy clean-up failed", e);
      }
    }
  }

  /** The features' clean-ups, found once, from this library's own services files. */
  private static final class Cleanups {
    static final List<UndeployCleanup> ALL = load();

    private static List<UndeployCleanup> load() {
      List<UndeployCleanup> found = new ArrayList<>();
      try {
        ServiceLoader.load(UndeployCleanup.class, UndeployCleanup.class.getClassLoader()).forEach(found::add);
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        LOG.log(Level.FINE, "Mackerel tracing: undeploy clean-ups could not be loaded", e);
      }
      return List.copyOf(found);
    }
  }
}
