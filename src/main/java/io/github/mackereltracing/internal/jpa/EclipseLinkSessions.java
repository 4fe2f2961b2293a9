package io.github.mackereltracing.internal.jpa;

import io.github.mackereltracing.internal.jdbc.TracingDataSource;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.net.URL;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.Context;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Traces the statements EclipseLink runs for the deployment's container-managed persistence units (Payara,
 * GlassFish, Open Liberty), with no setting. EclipseLink discovers nothing by {@code ServiceLoader}, and its
 * hooks are persistence-unit properties; but every unit the container creates is registered in EclipseLink's
 * static setup registry ({@code EntityManagerFactoryProvider.emSetupImpls}) from its creation on. At start-up
 * we take the deployment's units from there (those whose class loader sees this very copy of the library),
 * and put the library's JDBC wrapper into each {@code JNDIConnector} of the unit's session: now when the
 * session is logged in already, and again just before its login otherwise (a session event listener), since
 * EclipseLink sets its connectors up only when it deploys the unit, on first use.
 *
 * <p>Everything goes through reflection on the objects EclipseLink hands out: the deployment may not see
 * EclipseLink's internal packages (Open Liberty hides them), and the library must not need EclipseLink. A
 * failure leaves the unit untraced, with one line; it never fails the deployment.
 */
public final class EclipseLinkSessions {
  private static final Logger LOG = Logger.getLogger(EclipseLinkSessions.class.getName());
  private static final String REGISTRY = "org.eclipse.persistence.internal.jpa.EntityManagerFactoryProvider";
  private static final String LISTENER = "org.eclipse.persistence.sessions.SessionEventListener";
  /** Sessions logged in and traced (or failed, reported once): skipped by later looks; weak, never a leak. */
  private static final Map<Object, Boolean> DONE = new WeakHashMap<>();

  private EclipseLinkSessions() {}

  /**
   * Traces the EclipseLink persistence units of the deployment whose class loader is {@code deploymentLoader}
   * that exist now. Safe to call again and again (a session seen logged in and traced is skipped), and where
   * EclipseLink is absent (it then does nothing).
   *
   * @return whether EclipseLink's registry is there, so that units may still appear in it (or be replaced:
   *     Open Liberty makes a new session for a unit on its first use) and looking again is worth it
   */
  public static boolean traceUnitsOf(ClassLoader deploymentLoader) {
    Class<?> registry = registry(deploymentLoader);
    if (registry == null) {
      return false;
    }
    try {
      Map<?, ?> setups = (Map<?, ?>) registry.getField("emSetupImpls").get(null);
      List<Object> all;
      synchronized (setups) { // EclipseLink's own lock for this map
        all = new ArrayList<>(setups.values());
      }
      for (Object setup : all) {
        traceUnit(setup);
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "Mackerel tracing: EclipseLink's persistence units could not be reached; "
          + "their statements make no spans", e);
      return false;
    }
  }

  /**
   * The names of the persistence units that the deployment's {@code META-INF/persistence.xml} files declare
   * for EclipseLink (no {@code <provider>}, which is EclipseLink on the servers that bring it, or
   * EclipseLink's). Unreadable files count as none.
   */
  public static Set<String> declaredUnits(ClassLoader deploymentLoader) {
    Set<String> units = new HashSet<>();
    try {
      Enumeration<URL> files = deploymentLoader.getResources("META-INF/persistence.xml");
      while (files.hasMoreElements()) {
        URL file = files.nextElement();
        try (InputStream in = file.openStream()) {
          NodeList found = parser().parse(in).getElementsByTagNameNS("*", "persistence-unit");
          for (int i = 0; i < found.getLength(); i++) {
            Element unit = (Element) found.item(i);
            NodeList provider = unit.getElementsByTagNameNS("*", "provider");
            String providerName = provider.getLength() == 0 ? "" : provider.item(0).getTextContent().trim();
            if (providerName.isEmpty() || providerName.startsWith("org.eclipse.persistence.")) {
              units.add(unit.getAttribute("name"));
            }
          }
        } catch (IOException | SAXException | RuntimeException e) {
          LOG.log(Level.FINE, "Mackerel tracing: " + file + " could not be read", e);
        }
      }
    } catch (IOException | ParserConfigurationException | RuntimeException e) {
      LOG.log(Level.FINE, "Mackerel tracing: the deployment's persistence.xml files could not be listed", e);
    }
    return units;
  }

  private static DocumentBuilder parser() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    // A deployment descriptor names no external entity; refuse them rather than fetch anything.
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setExpandEntityReferences(false);
    return factory.newDocumentBuilder();
  }

  /** Traces the unit's session unless it is another deployment's or was done before. */
  private static void traceUnit(Object setup) {
    String unit = "?";
    Object session = null;
    try {
      Object info = call(setup, "getPersistenceUnitInfo");
      if (info == null || !ours((ClassLoader) call(info, "getClassLoader"))) {
        return;
      }
      unit = String.valueOf(call(info, "getPersistenceUnitName"));
      session = call(setup, "getSession");
      if (session == null || done(session)) {
        return;
      }
      boolean loggedIn = Boolean.TRUE.equals(call(session, "isLoggedIn"));
      if (!loggedIn) {
        addLoginHook(session);
      }
      int traced = traceConnectors(session);
      LOG.fine("Mackerel tracing: EclipseLink persistence unit " + unit + ": " + traced + " DataSource(s) traced"
          + (loggedIn ? "" : ", and again at its login"));
      // Done only once logged in: on Open Liberty the login hook added to a session found at start-up never
      // traced a statement (measured), so a session not logged in yet is looked at again.
      if (loggedIn) {
        markDone(session);
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "Mackerel tracing: EclipseLink persistence unit " + unit
          + " could not be traced; its statements make no spans", e);
      if (session != null) {
        markDone(session); // reported once; trying again would report it again
      }
    }
  }

  private static boolean done(Object session) {
    synchronized (DONE) {
      return DONE.containsKey(session);
    }
  }

  private static void markDone(Object session) {
    synchronized (DONE) {
      DONE.put(session, Boolean.TRUE);
    }
  }

  /** EclipseLink's registry as the deployment sees it, else as the JPA API's own class loader does, else null. */
  private static @Nullable Class<?> registry(ClassLoader deploymentLoader) {
    Class<?> registry = load(REGISTRY, deploymentLoader);
    return registry != null ? registry : load(REGISTRY, providerLoader(deploymentLoader));
  }

  private static @Nullable Class<?> load(String name, @Nullable ClassLoader loader) {
    if (loader == null) {
      return null;
    }
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null; // not visible from there
    }
  }

  /**
   * The class loader of the EclipseLink persistence provider that the JPA API finds, when the deployment
   * does not see EclipseLink's internal classes itself.
   */
  private static @Nullable ClassLoader providerLoader(ClassLoader deploymentLoader) {
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try {
      Thread.currentThread().setContextClassLoader(deploymentLoader);
      Class<?> holder = Class.forName("jakarta.persistence.spi.PersistenceProviderResolverHolder", false, deploymentLoader);
      Object resolver = holder.getMethod("getPersistenceProviderResolver").invoke(null);
      for (Object provider : (List<?>) resolver.getClass().getMethod("getPersistenceProviders").invoke(resolver)) {
        if (provider.getClass().getName().startsWith("org.eclipse.persistence.")) {
          return provider.getClass().getClassLoader();
        }
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.log(Level.FINE, "Mackerel tracing: no JPA provider found from " + deploymentLoader, e);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
    return null;
  }

  /** Whether a unit with this class loader belongs to a deployment that carries this copy of the library. */
  private static boolean ours(@Nullable ClassLoader unitLoader) {
    if (unitLoader == null) {
      return false;
    }
    try {
      return Class.forName(EclipseLinkSessions.class.getName(), false, unitLoader) == EclipseLinkSessions.class;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Wraps the DataSource of every {@code JNDIConnector} of the session's logins (the session's own, and for a
   * server session those of its connection pools, the non-JTA read pool among them).
   */
  static int traceConnectors(Object session) throws ReflectiveOperationException {
    Map<Object, Boolean> logins = new IdentityHashMap<>();
    logins.put(call(session, "getDatasourceLogin"), true);
    if (has(session, "getConnectionPools")) {
      for (Object pool : (Collection<?>) ((Map<?, ?>) call(session, "getConnectionPools")).values()) {
        logins.put(call(pool, "getLogin"), true);
      }
      Object readPool = call(session, "getReadConnectionPool");
      if (readPool != null) {
        logins.put(call(readPool, "getLogin"), true);
      }
    }
    int traced = 0;
    for (Object login : logins.keySet()) {
      if (login != null && has(login, "getConnector") && traceConnector(call(login, "getConnector"))) {
        traced++;
      }
    }
    return traced;
  }

  private static boolean traceConnector(@Nullable Object connector) throws ReflectiveOperationException {
    if (connector == null || !has(connector, "getDataSource")) {
      return false; // a DefaultConnector (driver and URL): not a container DataSource
    }
    DataSource dataSource = (DataSource) call(connector, "getDataSource");
    if (dataSource == null) {
      // Connected by name: look it up as the connector would, in the deployment's naming context.
      Object name = call(connector, "getName");
      Context context = name == null ? null : (Context) call(connector, "getContext");
      Object found;
      try {
        found = context == null ? null : context.lookup(name.toString());
      } catch (javax.naming.NamingException e) {
        LOG.log(Level.FINE, "Mackerel tracing: EclipseLink's DataSource " + name + " not found", e);
        return false;
      }
      if (!(found instanceof DataSource)) {
        return false;
      }
      dataSource = (DataSource) found;
    }
    DataSource traced = TracingDataSource.wrap(dataSource, true);
    if (traced != dataSource) {
      accessible(connector.getClass(), "setDataSource", DataSource.class).invoke(connector, traced);
    }
    return true;
  }

  /** Adds a listener that traces the session's connectors just before it logs in, once per session. */
  private static void addLoginHook(Object session) throws ReflectiveOperationException {
    Object events = call(session, "getEventManager");
    for (Object listener : (List<?>) call(events, "getListeners")) {
      if (Proxy.isProxyClass(listener.getClass()) && Proxy.getInvocationHandler(listener) instanceof LoginHook) {
        return;
      }
    }
    Class<?> listenerType = Class.forName(LISTENER, false, session.getClass().getClassLoader());
    Object hook = Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[] {listenerType}, new LoginHook());
    accessible(events.getClass(), "addListener", listenerType).invoke(events, hook);
  }

  /** A {@code SessionEventListener} that only acts on {@code preLogin}. */
  private static final class LoginHook implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      switch (method.getName()) {
        case "preLogin":
          try {
            traceConnectors(call(args[0], "getSession"));
          } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Mackerel tracing: an EclipseLink session could not be traced at login; "
                + "its statements make no spans", e);
          }
          return null;
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return "Mackerel tracing's EclipseLink login hook";
        default:
          return null; // every other event: nothing to do (all return void)
      }
    }
  }

  private static boolean has(Object target, String method) {
    try {
      target.getClass().getMethod(method);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static @Nullable Object call(Object target, String method) throws ReflectiveOperationException {
    return accessible(target.getClass(), method).invoke(target);
  }

  /**
   * The public method as declared by a public class or interface: a server's implementation class (a
   * persistence unit's info, say) may be package-private, and its methods then cannot be invoked through it.
   */
  private static Method accessible(Class<?> type, String name, Class<?>... parameters) throws NoSuchMethodException {
    Method method = type.getMethod(name, parameters);
    if (java.lang.reflect.Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
      return method;
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        try {
          return accessible(i, name, parameters);
        } catch (NoSuchMethodException e) {
          // not there
        }
      }
      if (c != type && java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
        try {
          return c.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
          // not there
        }
      }
    }
    return method;
  }
}
