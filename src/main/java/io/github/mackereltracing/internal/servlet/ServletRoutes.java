package io.github.mackereltracing.internal.servlet;

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import jakarta.annotation.Nullable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code http.route} from the servlet mapping that matched, with the context root in front ({@code
 * /shop/items/*} for {@code /items/*} in {@code /shop}), as the conventions ask. One string per mapping,
 * made once: a deployment has few mappings, and the cache is bounded anyway.
 */
final class ServletRoutes {
  private static final int MAX_ENTRIES = 256;

  private final String contextPath;
  private final ConcurrentHashMap<String, Route> byPattern = new ConcurrentHashMap<>();

  /** A route and the span name last made from it (one method per mapping is the common case). */
  static final class Route {
    final String route;
    private volatile String[] lastName; // {methodName, spanName}

    Route(String route) {
      this.route = route;
    }

    String spanName(String methodName) {
      String[] last = lastName;
      if (last != null && last[0].equals(methodName)) {
        return last[1];
      }
      String name = methodName + " " + route;
      lastName = new String[] {methodName, name};
      return name;
    }
  }

  ServletRoutes(String contextPath) {
    this.contextPath = contextPath == null || contextPath.equals("/") ? "" : contextPath;
  }

  /** The route of the servlet mapping that matched, or null when the container does not say. */
  @Nullable
  Route route(HttpServletRequest request) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    if (mapping == null) {
      return null;
    }
    MappingMatch match = mapping.getMappingMatch();
    if (match == null) {
      return null;
    }
    String relative;
    switch (match) {
      case CONTEXT_ROOT:
        relative = "/";
        break;
      case DEFAULT:
        // The default servlet: static resources and unmapped paths, one low-cardinality route for all.
        relative = "/*";
        break;
      case EXACT:
      case PATH:
        relative = mapping.getPattern();
        break;
      case EXTENSION:
        relative = "/" + mapping.getPattern();
        break;
      default:
        return null;
    }
    if (relative == null || relative.isEmpty()) {
      return null;
    }
    Route route = byPattern.get(relative);
    if (route == null) {
      route = new Route(contextPath + relative);
      if (byPattern.size() < MAX_ENTRIES) {
        byPattern.put(relative, route);
      }
    }
    return route;
  }
}
