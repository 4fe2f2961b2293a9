package io.github.mackereltracing.internal.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mackereltracing.internal.runtime.Deployments;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * A WAR that carries the library and makes a JAX-RS client on RESTEasy (WildFly) must still be collectable
 * after its undeploy. The "deployment" here is a class loader that defines the library's classes itself, as
 * a WAR's loader does, below the real RESTEasy client of the test class path.
 */
class ResteasyClientCacheTest {

  @Test
  void restEasyKeepsTheDeploymentThatMadeAClientUntilTheUndeployMakesItForget() throws Exception {
    // The Jersey test execution has no RESTEasy client (and Jersey keeps no such cache).
    assumeTrue(ClientBuilder.newBuilder().getClass().getName().startsWith("org.jboss.resteasy."));
    WeakReference<ClassLoader> deployment = deployAndMakeAClient();
    // Without the clean-up the loader stays: RESTEasy's cached factory holds our filter classes.
    assertThat(collected(deployment)).as("RESTEasy's client cache keeps the deployment").isFalse();

    forget(deployment);

    assertThat(collected(deployment)).as("collected once RESTEasy forgot it").isTrue();
  }

  @Test
  void forgettingALoaderRESTEasyNeverSawOrWithoutRESTEasyIsHarmless() {
    ResteasyClientCache.forget(new URLClassLoader(new URL[0], getClass().getClassLoader()));
    ResteasyClientCache.forget(new URLClassLoader(new URL[0], null));
  }

  private static WeakReference<ClassLoader> deployAndMakeAClient() throws Exception {
    ClassLoader loader = new DeploymentLoader(getLibraryClasses(), ResteasyClientCacheTest.class.getClassLoader());
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Client client = ClientBuilder.newClient();
      client.close();
    } finally {
      thread.setContextClassLoader(previous);
    }
    // RESTEasy registered the library's providers, as the deployment's own classes.
    assertThat(loader.loadClass(TracingClientFilter.class.getName()).getClassLoader()).isSameAs(loader);
    return new WeakReference<>(loader);
  }

  /** The undeploy, as the servlet and CDI callbacks run it: the clean-up is found as an UndeployCleanup service. */
  private static void forget(WeakReference<ClassLoader> deployment) {
    Deployments.undeploy(Deployments.getOrCreate(deployment.get()));
  }

  private static URL getLibraryClasses() {
    return ResteasyClientCache.class.getProtectionDomain().getCodeSource().getLocation();
  }

  private static boolean collected(WeakReference<ClassLoader> reference) throws InterruptedException {
    for (int i = 0; i < 20 && reference.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    return reference.get() == null;
  }

  /** Defines the library's classes itself (child first), as a WAR's class loader does with WEB-INF/lib. */
  private static final class DeploymentLoader extends URLClassLoader {
    DeploymentLoader(URL libraryClasses, ClassLoader parent) {
      super("test-deployment", new URL[] {libraryClasses}, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("io.github.mackereltracing.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : findClass(name);
      }
    }
  }
}
