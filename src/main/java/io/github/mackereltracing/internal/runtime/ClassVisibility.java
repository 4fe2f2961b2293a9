package io.github.mackereltracing.internal.runtime;

import jakarta.annotation.Nullable;

/**
 * Whether an optional API is there for a deployment. The library touches an API (CDI, servlets, Jakarta
 * Messaging, Enterprise Beans) only where the deployment's class loader sees it: a server without it must
 * not fail the deployment with a {@code NoClassDefFoundError}.
 */
public final class ClassVisibility {
  private ClassVisibility() {}

  /** Whether {@code loader} sees the class {@code name}; nothing is initialised. */
  public static boolean visible(String name, @Nullable ClassLoader loader) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
