package io.github.mackereltracing.internal.jms;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Forwarding;
import io.github.mackereltracing.internal.runtime.Telemetry;
import io.github.mackereltracing.internal.span.SpanPath;
import io.github.mackereltracing.internal.span.TelemetryFailures;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import jakarta.annotation.Nullable;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;
import jakarta.jms.XATopicSession;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Jakarta Messaging object of the container (a connection factory, a {@code JMSContext}) seen through the
 * library: each send is a PRODUCER span whose context goes into the message's properties, and each object it
 * makes on the way to a send (connection, session, producer) is seen through the library too. Every other
 * call goes to the container's object unchanged. Jakarta Messaging is all interfaces, so one dynamic proxy
 * per object does what a hand-written wrapper of each of its two dozen interfaces would; the proxy shows
 * exactly the interfaces of the API that the container's object has (a {@code QueueConnectionFactory} stays
 * one).
 *
 * <p>{@code JMSProducer.send(destination, body)} builds the message from the body itself, out of reach of the
 * caller's properties; here the {@code JMSContext} that made the producer builds it as the specification
 * says ({@code TextMessage} for a String, and so on), so that the context can be written into it, and the
 * producer sends that message. Sends are traced only inside a trace, as JDBC statements are: a timer's
 * sends make no trace of their own.
 */
final class TracedJms extends Forwarding {
  /** The API's interfaces a traced object may have, each shown by the proxy where the container's object has it. */
  private static final Class<?>[] API = {
      ConnectionFactory.class, QueueConnectionFactory.class, TopicConnectionFactory.class,
      XAConnectionFactory.class, XAQueueConnectionFactory.class, XATopicConnectionFactory.class,
      Connection.class, QueueConnection.class, TopicConnection.class,
      XAConnection.class, XAQueueConnection.class, XATopicConnection.class,
      Session.class, QueueSession.class, TopicSession.class, XASession.class, XAQueueSession.class, XATopicSession.class,
      JMSContext.class, XAJMSContext.class,
      MessageProducer.class, QueueSender.class, TopicPublisher.class,
      JMSProducer.class};
  private static final Method SEND_MESSAGE;

  static {
    try {
      SEND_MESSAGE = JMSProducer.class.getMethod("send", Destination.class, Message.class);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final DeploymentTracing deployment;
  /** For a JMSProducer: the JMSContext that made it, which makes messages from bodies. */
  @Nullable private final JMSContext context;
  private Object proxy;

  private TracedJms(Object target, DeploymentTracing deployment, @Nullable JMSContext context) {
    super(target);
    this.deployment = deployment;
    this.context = context;
  }

  /** {@code target} seen through the library; itself when it is no object of the API or is traced already. */
  static Object wrap(Object target, DeploymentTracing deployment, @Nullable JMSContext context) {
    if (handlerOf(target, TracedJms.class) != null) {
      return target;
    }
    List<Class<?>> shown = new ArrayList<>(4);
    for (Class<?> type : API) {
      if (type.isInstance(target)) {
        shown.add(type);
      }
    }
    if (shown.isEmpty()) {
      return target;
    }
    TracedJms handler = new TracedJms(target, deployment, context);
    handler.proxy = proxy(handler, shown.toArray(new Class<?>[0]));
    return handler.proxy;
  }

  @Override
  @Nullable
  protected Object handle(Object self, Method method, @Nullable Object[] args) throws Throwable {
    String name = method.getName();
    if ((name.equals("send") || name.equals("publish")) && args != null) {
      return send(method, args);
    }
    return traced(forward(method, args));
  }

  /** What a call returned, as the caller should see it: this proxy for the container's object, ... */
  @Nullable
  private Object traced(@Nullable Object result) {
    if (result == null) {
      return null;
    }
    if (result == target) {
      return proxy; // JMSProducer's setters return the producer, for chained calls
    }
    if (result instanceof Connection || result instanceof Session || result instanceof JMSContext
        || result instanceof MessageProducer || result instanceof JMSProducer) {
      // ... and what it makes on the way to a send, seen through the library too.
      return wrap(result, deployment, target instanceof JMSContext ? (JMSContext) target : context);
    }
    return result;
  }

  private Object send(Method method, Object[] args) throws Throwable {
    Telemetry telemetry = deployment.active();
    if (telemetry == null) {
      return traced(forward(method, args));
    }
    MessagingTelemetry messaging = MessagingTelemetry.of(telemetry);
    Context parent = SpanPath.parent(Context.current(), messaging.sampling, false);
    if (parent == null) {
      return traced(forward(method, args));
    }
    Method sending = method;
    Object[] sendArgs = args;
    Message message = null;
    Destination destination = null;
    Span span = null;
    try {
      if (target instanceof JMSProducer) {
        destination = (Destination) args[0];
        message = args[1] instanceof Message ? (Message) args[1] : fromBody(method.getParameterTypes()[1], args[1]);
        if (message != null && !(args[1] instanceof Message)) {
          sending = SEND_MESSAGE;
          sendArgs = new Object[] {destination, message};
        }
      } else {
        for (Object arg : args) {
          if (arg instanceof Message) {
            message = (Message) arg;
            break;
          }
        }
        destination = args[0] instanceof Destination ? (Destination) args[0] : ((MessageProducer) target).getDestination();
      }
      if (message != null) {
        MessagingAttributes about = MessagingAttributes.of(destination);
        span = about.addTo(messaging.tracer.spanBuilder(about.spanName(MessagingAttributes.SEND)), MessagingAttributes.SEND)
            .setParent(parent)
            .setSpanKind(SpanKind.PRODUCER)
            .startSpan();
        messaging.propagator.inject(parent.with(span), message, MessageProperties.INSTANCE);
      }
    } catch (JMSException | RuntimeException | LinkageError e) {
      TelemetryFailures.report("tracing a message send", e);
      SpanPath.end(span);
      span = null;
      sending = method;
      sendArgs = args;
    }
    if (span == null) {
      return traced(forward(method, args));
    }
    Span sent = span;
    Message built = message;
    Method finalSending = sending;
    Object[] finalArgs = sendArgs;
    return SpanPath.call(sent, () -> {
      Object result = traced(forward(finalSending, finalArgs));
      messageId(sent, built);
      return result;
    }, null);
  }

  /**
   * The message {@code JMSProducer.send(destination, body)} would send, made by the producer's context; null
   * when there is no context to make it (the send then goes as called, untraced).
   */
  @Nullable
  private Message fromBody(Class<?> type, @Nullable Object body) throws JMSException {
    if (context == null) {
      return null;
    }
    if (type == String.class) {
      return context.createTextMessage((String) body);
    }
    if (type == byte[].class) {
      BytesMessage message = context.createBytesMessage();
      if (body != null) {
        message.writeBytes((byte[]) body);
      }
      return message;
    }
    if (type == Map.class) {
      MapMessage message = context.createMapMessage();
      if (body != null) {
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) body).entrySet()) {
          message.setObject(String.valueOf(entry.getKey()), entry.getValue());
        }
      }
      return message;
    }
    if (type == Serializable.class) {
      return context.createObjectMessage((Serializable) body);
    }
    return null;
  }

  private static void messageId(Span span, Message message) {
    try {
      String id = message.getJMSMessageID();
      if (id != null) {
        span.setAttribute(MessagingAttributes.MESSAGE_ID, id);
      }
    } catch (JMSException | RuntimeException e) {
      // no id to show
    }
  }
}
