package io.github.mackereltracing.internal.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.github.mackereltracing.testing.LogCapture;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.logging.Level;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.Test;

/**
 * The deployment's name (the default service.name) when CDI starts tracing before the servlet initializer
 * has run, as WildFly and Payara do.
 */
class DeploymentNameTest {
  static String startAndReadName(URLClassLoader loader, Object cdiStartEvent) throws Exception {
    DeploymentTracing tracing = Deployments.getOrCreate(loader);
    try (LogCapture log = LogCapture.library()) {
      if (cdiStartEvent != null) {
        TracingInitializer.attachIfServletContext(tracing, cdiStartEvent);
      }
      tracing.startNow();
      return log.lines(Level.INFO).get(0);
    } finally {
      Deployments.undeploy(tracing);
      ConfigProviderResolver.instance().releaseConfig(ConfigProviderResolver.instance().getConfig(loader));
      loader.close();
    }
  }

  @Test
  void theServletContextCarriedByCdisStartEventNamesTheDeployment() throws Exception {
    ServletContextHandler shop = new ServletContextHandler("/shop");
    shop.setServer(new org.eclipse.jetty.server.Server());
    URLClassLoader loader = new URLClassLoader("deployment.shop.war", new URL[0], getClass().getClassLoader());
    assertThat(startAndReadName(loader, shop.getServletContext())).contains("deployment 'shop'");
  }

  @Test
  void otherEventPayloadsAreIgnoredAndWildFlysModuleNameServes() throws Exception {
    URLClassLoader loader = new URLClassLoader("deployment.example.war", new URL[0], getClass().getClassLoader());
    assertThat(startAndReadName(loader, new Object())).contains("deployment 'example'");
  }
}
