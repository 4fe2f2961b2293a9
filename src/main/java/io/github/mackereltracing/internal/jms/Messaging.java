package io.github.mackereltracing.internal.jms;

import io.github.mackereltracing.internal.runtime.ClassVisibility;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;

/**
 * What the CDI extension asks of Jakarta Messaging. Its signatures name no type of the API, so that the
 * extension can hold a reference to this class on a server or in a test without Jakarta Messaging: it calls
 * it only once {@link #visibleTo} said yes.
 */
public final class Messaging {
  private Messaging() {}

  /** Whether the Jakarta Messaging API is visible to {@code loader} (the deployment's). */
  public static boolean visibleTo(ClassLoader loader) {
    return ClassVisibility.visible("jakarta.jms.JMSContext", loader);
  }

  /** Whether the Enterprise Beans API, whose {@code @MessageDriven} marks the beans to trace, is visible to {@code loader}. */
  public static boolean messageDrivenVisibleTo(ClassLoader loader) {
    return ClassVisibility.visible("jakarta.ejb.MessageDriven", loader);
  }

  /**
   * Whether a field of this type, injected by the container, is traced: {@code JMSContext} and the
   * connection factories of the API (not a vendor's class: the library can only stand in for interfaces).
   */
  public static boolean traces(Class<?> fieldType) {
    return fieldType == JMSContext.class
        || (fieldType.isInterface() && ConnectionFactory.class.isAssignableFrom(fieldType));
  }

  /** {@code injected} seen through the library (see {@link TracedJms}); itself if it is no object of the API. */
  public static Object wrap(Object injected, DeploymentTracing deployment) {
    return TracedJms.wrap(injected, deployment, null);
  }
}
