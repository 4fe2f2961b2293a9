package io.github.mackereltracing.internal.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.logging.Level;

/**
 * The class loader the SDK loads its plug-ins with (exporters, resource providers, senders): the
 * deployment's own, minus the OpenTelemetry service registrations whose classes belong to another copy of
 * OpenTelemetry.
 *
 * <p>Servers that ship their own OpenTelemetry (Payara, Open Liberty with mpTelemetry) show its
 * {@code META-INF/services} files to the deployment even when the WAR's classes win. The {@link
 * java.util.ServiceLoader} would then load one of the server's classes, which implements the server's copy
 * of the interface, and fail the whole SDK with "not a subtype". Only those registrations are hidden; every
 * class is still loaded by the deployment.
 */
final class OwnServices extends ClassLoader {
  private static final String SERVICES = "META-INF/services/";
  private static final String OPENTELEMETRY_SERVICES = SERVICES + "io.opentelemetry.";

  static {
    registerAsParallelCapable();
  }

  private OwnServices(ClassLoader deployment) {
    super(deployment);
  }

  /** The loader to give the SDK for {@code deployment}. */
  static ClassLoader of(ClassLoader deployment) {
    return new OwnServices(deployment);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    Enumeration<URL> urls = getParent().getResources(name);
    if (!name.startsWith(OPENTELEMETRY_SERVICES)) {
      return urls;
    }
    Class<?> service = librarysView(name.substring(SERVICES.length()));
    if (service == null) {
      return urls;
    }
    List<URL> own = new ArrayList<>();
    while (urls.hasMoreElements()) {
      URL url = urls.nextElement();
      if (registersOnlySubtypesOf(service, url)) {
        own.add(url);
      } else if (DeploymentTracing.LOG.isLoggable(Level.FINE)) {
        DeploymentTracing.LOG.fine("Mackerel tracing: ignoring " + url
            + ": it registers classes of another OpenTelemetry copy (the server's)");
      }
    }
    return Collections.enumeration(own);
  }

  /** The service interface as the SDK in use sees it, or null when the name is not one. */
  private static Class<?> librarysView(String serviceName) {
    try {
      return Class.forName(serviceName, false, OwnServices.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private boolean registersOnlySubtypesOf(Class<?> service, URL url) {
    List<String> providers;
    try {
      providers = providerNames(url);
    } catch (IOException e) {
      // Unreadable here means unreadable for the ServiceLoader too, which reports it in its own words.
      return true;
    }
    for (String provider : providers) {
      try {
        if (!service.isAssignableFrom(Class.forName(provider, false, getParent()))) {
          return false;
        }
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
    return true;
  }

  /** The class names in a services file: one a line, '#' starts a comment. */
  private static List<String> providerNames(URL url) throws IOException {
    URLConnection connection = url.openConnection();
    // Jar caching would keep the jar open (and locked on Windows) after undeploy.
    connection.setUseCaches(false);
    List<String> names = new ArrayList<>();
    try (InputStream in = connection.getInputStream();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        int comment = line.indexOf('#');
        String name = (comment < 0 ? line : line.substring(0, comment)).strip();
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    }
    return names;
  }
}
