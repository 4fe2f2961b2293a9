package io.github.mackereltracing.internal.jms;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.enterprise.util.AnnotationLiteral;

/**
 * {@code @MessageDriven} as an interceptor binding on {@link MessageDrivenInterceptor} (see {@link
 * MessagingExtension}, which makes every member non-binding, so these values never decide anything).
 */
final class MessageDrivenLiteral extends AnnotationLiteral<MessageDriven> implements MessageDriven {
  private static final long serialVersionUID = 1L;
  static final MessageDrivenLiteral INSTANCE = new MessageDrivenLiteral();

  @Override
  public String name() {
    return "";
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Class messageListenerInterface() {
    return Object.class;
  }

  @Override
  public ActivationConfigProperty[] activationConfig() {
    return new ActivationConfigProperty[0];
  }

  @Override
  public String mappedName() {
    return "";
  }

  @Override
  public String description() {
    return "";
  }
}
