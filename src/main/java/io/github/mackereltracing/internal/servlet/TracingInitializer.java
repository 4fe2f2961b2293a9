package io.github.mackereltracing.internal.servlet;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The servlet side of a deployment: claims the deployment's tracing (with its name and context
 * parameters), starts it when no CDI container will, and shuts it down when the context is destroyed.
 */
public class TracingInitializer implements ServletContainerInitializer {
  private static final Logger LOG = Logger.getLogger("io.github.mackereltracing");

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    try {
      DeploymentTracing tracing = Deployments.getOrCreate(context.getClassLoader());
      tracing.attachServletContext(deploymentName(context), contextParams(context), context.getServerInfo());
      context.addListener(new Lifecycle(tracing));
    } catch (RuntimeException | LinkageError e) {
      // Tracing must never stop the application from deploying.
      LOG.log(Level.SEVERE, "Mackerel tracing could not be set up for " + context.getContextPath(), e);
    }
  }

  /** The context path without its slash ("/shop" is "shop"), else the display name, else "ROOT". */
  static String deploymentName(ServletContext context) {
    String path = context.getContextPath();
    if (path != null && path.length() > 1) {
      return path.substring(1);
    }
    String displayName = context.getServletContextName();
    return displayName != null && !displayName.isBlank() ? displayName : "ROOT";
  }

  private static Map<String, String> contextParams(ServletContext context) {
    Map<String, String> params = new HashMap<>();
    for (String name : Collections.list(context.getInitParameterNames())) {
      params.put(name, context.getInitParameter(name));
    }
    return params;
  }

  /** Starts tracing once the context is up, and stops it, flushing spans, when the context goes. */
  static final class Lifecycle implements ServletContextListener {
    private final DeploymentTracing tracing;

    Lifecycle(DeploymentTracing tracing) {
      this.tracing = tracing;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
      // With CDI, the SDK waits for CDI (providers may call CDI.current()); it then starts on CDI's
      // start-up event or on first use, whichever comes first.
      if (!tracing.cdiAttached() && !cdiApiVisible(event.getServletContext().getClassLoader())) {
        tracing.startNow();
      }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
      Deployments.undeploy(tracing);
    }

    private static boolean cdiApiVisible(ClassLoader loader) {
      try {
        Class.forName("jakarta.enterprise.inject.spi.CDI", false, loader);
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
  }
}
