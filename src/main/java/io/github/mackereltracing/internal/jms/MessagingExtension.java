package io.github.mackereltracing.internal.jms;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Message-driven beans' spans, for one deployment that sees Jakarta Messaging: adds {@link
 * MessageDrivenInterceptor} (the library jar may not be scanned) and binds it to the {@code
 * onMessage(Message)} method of every class annotated {@code @MessageDriven}, as the application could with
 * an annotation of its own (CDI interceptors apply to message-driven beans). Without the API it does nothing
 * and loads none of it; {@code @MessageDriven} is recognised by name, so the Enterprise Beans API need not be
 * there either.
 */
public class MessagingExtension implements Extension {
  private static final String MESSAGE_DRIVEN = "jakarta.ejb.MessageDriven";
  private volatile boolean messaging;

  void beforeBeanDiscovery(@Observes BeforeBeanDiscovery event) {
    messaging = Messaging.visibleTo(Thread.currentThread().getContextClassLoader());
    if (messaging) {
      event.addAnnotatedType(MessageDrivenInterceptor.class, MessageDrivenInterceptor.class.getName());
    }
  }

  <T> void messageDrivenBean(@Observes ProcessAnnotatedType<T> event) {
    if (!messaging || !isMessageDriven(event.getAnnotatedType())) {
      return;
    }
    event.configureAnnotatedType()
        .filterMethods(method -> isOnMessage(method.getJavaMember()))
        .forEach(method -> method.add(MessageDrivenSpan.Literal.INSTANCE));
  }

  private static boolean isMessageDriven(AnnotatedType<?> type) {
    for (Annotation annotation : type.getAnnotations()) {
      if (annotation.annotationType().getName().equals(MESSAGE_DRIVEN)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOnMessage(Method method) {
    return method.getName().equals("onMessage")
        && method.getParameterCount() == 1
        && method.getParameterTypes()[0].getName().equals("jakarta.jms.Message")
        && !Modifier.isStatic(method.getModifiers());
  }
}
