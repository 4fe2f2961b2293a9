package io.github.mackereltracing.internal.runtime;

import jakarta.annotation.Nullable;
import java.util.logging.Logger;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;

/**
 * The class loader the SDK loads its plug-ins with (exporters, resource providers, senders): the
 * deployment's, made to agree with the OpenTelemetry copy this library runs on.
 *
 * <p>Servers that ship their own OpenTelemetry show it to the deployment in two ways. Payara (even with
 * {@code delegate="false"}) and Open Liberty with mpTelemetry show their {@code META-INF/services} files, so
 * that the {@link java.util.ServiceLoader} meets classes that implement the server's copy of the interface
 * and fails the whole SDK with "not a subtype". Open Liberty's thread context loader moreover resolves
 * OpenTelemetry's class names to the server's copy first, even those the WAR registers itself. So each
 * registered class is taken from the deployment's loader when that one gives a class of our copy, else from
 * the library's own loader; a registration that neither gives is hidden.
 */
final class OwnServices extends ClassLoader {
  private static final Logger LOG = Logger.getLogger(OwnServices.class.getName());
  private static final String SERVICES = "META-INF/services/";
  private static final String OPENTELEMETRY_SERVICES = SERVICES + "io.opentelemetry.";

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader library = OwnServices.class.getClassLoader();
  /** Registered classes that the deployment's loader resolves to another copy, as the library sees them. */
  private final Map<String, Class<?>> ownCopies = new ConcurrentHashMap<>();

  private OwnServices(ClassLoader deployment) {
    super(deployment);
  }

  /** The loader to give the SDK for {@code deployment}. */
  static ClassLoader of(ClassLoader deployment) {
    return new OwnServices(deployment);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    Class<?> own = ownCopies.get(name);
    return own != null ? own : super.loadClass(name, resolve);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    if (!name.startsWith(OPENTELEMETRY_SERVICES)) {
      return getParent().getResources(name);
    }
    Class<?> service = librarysView(name.substring(SERVICES.length()));
    if (service == null) {
      return getParent().getResources(name);
    }
    // The library's own registrations count even where the deployment's loader does not show them.
    Map<String, URL> candidates = new LinkedHashMap<>();
    for (URL url : Collections.list(getParent().getResources(name))) {
      candidates.putIfAbsent(url.toExternalForm(), url);
    }
    if (library != null && library != getParent()) {
      for (URL url : Collections.list(library.getResources(name))) {
        candidates.putIfAbsent(url.toExternalForm(), url);
      }
    }
    List<URL> own = new ArrayList<>();
    for (URL url : candidates.values()) {
      if (registersOnlySubtypesOf(service, url)) {
        own.add(url);
      } else if (LOG.isLoggable(Level.FINE)) {
        LOG.fine("Mackerel tracing: ignoring " + url
            + ": it registers classes of another OpenTelemetry copy (the server's)");
      }
    }
    return Collections.enumeration(own);
  }

  /** The service interface as the SDK in use sees it, or null when the name is not one. */
  @Nullable
  private Class<?> librarysView(String serviceName) {
    try {
      return Class.forName(serviceName, false, library);
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
      if (!resolvesToOurCopy(provider, service)) {
        return false;
      }
    }
    return true;
  }

  private boolean resolvesToOurCopy(String provider, Class<?> service) {
    if (service.isAssignableFrom(load(provider, getParent()))) {
      return true;
    }
    if (library != null && library != getParent()) {
      Class<?> own = load(provider, library);
      if (service.isAssignableFrom(own)) {
        ownCopies.put(provider, own);
        return true;
      }
    }
    return false;
  }

  /** The class, or {@code Void} (never a service) when it cannot be loaded. */
  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return Void.class;
    }
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
