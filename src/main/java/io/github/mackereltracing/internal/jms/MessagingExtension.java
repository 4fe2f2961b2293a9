package io.github.mackereltracing.internal.jms;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.util.Nonbinding;

/**
 * Message-driven beans' spans, for one deployment that sees Jakarta Messaging and Enterprise Beans: makes
 * {@code @MessageDriven} itself an interceptor binding (its members non-binding), and adds {@link
 * MessageDrivenInterceptor} bound to it (the library jar may not be scanned). So the container applies the
 * interceptor to every message-driven bean from the annotation in its class file, with no code of the
 * application's.
 *
 * <p>Why not add a binding to each bean's {@code onMessage} in {@code ProcessAnnotatedType}: WildFly builds
 * a message-driven bean's interceptors from its class as compiled, not from the type extensions configured,
 * so such a binding is never applied there (measured on WildFly 39: the binding was added, the interceptor
 * never called). A binding declared by an extension is a property of the annotation, which every container
 * honours wherever the annotation is. Without either API this does nothing and loads none of it.
 */
public class MessagingExtension implements Extension {
  void beforeBeanDiscovery(@Observes BeforeBeanDiscovery event) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (Messaging.visibleTo(loader) && Messaging.messageDrivenVisibleTo(loader)) {
      MessageDrivenBinding.declare(event);
    }
  }

  /** Touches {@code jakarta.ejb} only once it is known to be there. */
  private static final class MessageDrivenBinding {
    static void declare(BeforeBeanDiscovery event) {
      event.configureInterceptorBinding(jakarta.ejb.MessageDriven.class)
          .methods().forEach(member -> member.add(Nonbinding.Literal.INSTANCE));
      event.addAnnotatedType(MessageDrivenInterceptor.class, MessageDrivenInterceptor.class.getName())
          .add(MessageDrivenLiteral.INSTANCE);
    }
  }
}
