package io.github.mackereltracing.internal.servlet;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import jakarta.annotation.Nullable;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The servlet side of a deployment: claims the deployment's tracing (with its name and context
 * parameters), registers the {@link TracingFilter} that makes the SERVER span of each request, starts
 * tracing when no CDI container will, and shuts it down when the context is destroyed.
 */
public class TracingInitializer implements ServletContainerInitializer {
  private static final Logger LOG = Logger.getLogger(TracingInitializer.class.getName());

  @Override
  public void onStartup(@Nullable Set<Class<?>> classes, ServletContext context) {
    try {
      DeploymentTracing tracing = Deployments.getOrCreate(context.getClassLoader());
      tracing.attachServletContext(deploymentName(context), contextParams(context), context.getServerInfo());
      context.addListener(new Lifecycle(tracing));
      registerFilter(context, tracing);
    } catch (RuntimeException | LinkageError e) {
      // Tracing must never stop the application from deploying.
      LOG.log(Level.SEVERE, "Mackerel tracing could not be set up for " + context.getContextPath(), e);
    }
  }

  /**
   * Puts {@link TracingFilter} in front of every request: {@code /*}, every dispatcher type (so that it sees,
   * and skips, the re-dispatches of a request it has already traced), asynchronous requests allowed, and
   * ahead of the filters of web.xml and of the application ({@code isMatchAfter=false}).
   */
  private static void registerFilter(ServletContext context, DeploymentTracing tracing) {
    FilterRegistration.Dynamic filter = context.addFilter(TracingFilter.NAME, new TracingFilter(tracing));
    if (filter == null) {
      LOG.warning("Mackerel tracing: a filter named '" + TracingFilter.NAME + "' already exists in "
          + context.getContextPath() + "; the tracing filter was not added, so requests get no SERVER spans");
      return;
    }
    filter.setAsyncSupported(true);
    filter.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
  }

  /** Attaches {@code event}'s servlet context to the deployment, when the event is one. */
  public static void attachIfServletContext(DeploymentTracing tracing, Object event) {
    if (event instanceof ServletContext) {
      ServletContext context = (ServletContext) event;
      tracing.attachServletContext(deploymentName(context), contextParams(context), context.getServerInfo());
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
      // start-up event, or here when that event came first without the ServletContext (Payara), or on
      // first use, whichever comes first.
      if (tracing.cdiStartedBefore()
          || !tracing.cdiAttached() && !cdiApiVisible(event.getServletContext().getClassLoader())) {
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
