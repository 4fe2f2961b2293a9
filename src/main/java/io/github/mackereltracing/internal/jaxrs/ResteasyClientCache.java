package io.github.mackereltracing.internal.jaxrs;

import io.github.mackereltracing.internal.runtime.UndeployCleanup;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes RESTEasy forget an undeployed deployment's JAX-RS client providers, so that its class loader can be
 * collected.
 *
 * <p>RESTEasy ({@code RegisterBuiltin}) keeps, per thread context class loader, the provider factory that
 * every {@code ClientBuilder.newClient()} starts from, in a static {@code WeakHashMap} of the server's
 * RESTEasy module. That factory holds the providers listed in {@code META-INF/services/jakarta.ws.rs.ext.Providers},
 * ours among them ({@link TracingClientFilter}, {@link TracingContainerFilter}). When the library lives in the
 * WAR these are classes of the deployment: the map's value then keeps its own weak key alive, and every
 * redeploy of a WAR that ever made a JAX-RS client left its whole class loader behind (measured on WildFly
 * 39: 1,160 classes and the deployment's heap per cycle; see docs/servers.md, "Redeploy"). RESTEasy has no
 * call that evicts an entry, so the private map is reached by reflection, under the class's lock (its
 * methods are {@code static synchronized}). Where the class is not visible (Jersey, or a server that hides
 * RESTEasy from applications) or the field cannot be read, nothing happens: this is clean-up, never a
 * reason to fail an undeploy.
 */
public final class ResteasyClientCache implements UndeployCleanup {
  private static final Logger LOG = Logger.getLogger(ResteasyClientCache.class.getName());
  static final String REGISTER_BUILTIN = "org.jboss.resteasy.plugins.providers.RegisterBuiltin";
  static final String FIELD = "configuredClientFactories";

  /** Made by {@link java.util.ServiceLoader} (see {@link UndeployCleanup}). */
  public ResteasyClientCache() {}

  @Override
  public void afterUndeploy(ClassLoader deploymentLoader) {
    forget(deploymentLoader);
  }

  /**
   * Removes the provider factories RESTEasy cached for {@code deploymentLoader} and for loaders below it.
   * Cheap and idempotent: called at each of the undeploy callbacks, so that a client made by the
   * application's own shutdown code after the first of them is forgotten too.
   */
  public static void forget(ClassLoader deploymentLoader) {
    Class<?> registerBuiltin;
    try {
      registerBuiltin = Class.forName(REGISTER_BUILTIN, false, deploymentLoader);
    } catch (ClassNotFoundException | LinkageError notRestEasy) {
      return;
    }
    try {
      Field field = registerBuiltin.getDeclaredField(FIELD);
      field.setAccessible(true);
      if (field.get(null) instanceof Map<?, ?> cache) {
        synchronized (registerBuiltin) {
          cache.keySet().removeIf(key -> key instanceof ClassLoader loader && isSelfOrBelow(loader, deploymentLoader));
        }
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.log(Level.FINE, "Mackerel tracing could not clear RESTEasy's client provider cache at undeploy; "
          + "the deployment's class loader may stay in memory until the server restarts", e);
    }
  }

  private static boolean isSelfOrBelow(ClassLoader loader, ClassLoader ancestor) {
    for (ClassLoader l = loader; l != null; l = l.getParent()) {
      if (l == ancestor) {
        return true;
      }
    }
    return false;
  }
}
