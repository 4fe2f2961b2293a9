package io.github.mackereltracing.internal.jms;

import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Telemetry;
import io.github.mackereltracing.internal.span.SpanPath;
import io.github.mackereltracing.internal.span.TelemetryFailures;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.annotation.Nullable;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * A message-driven bean's {@code onMessage} as a CONSUMER span, {@code process <destination>}, that
 * continues the trace of the send: the trace context the sender wrote into the message's properties is the
 * span's parent (the conventions allow it for a message processed alone, and it is what makes the send and
 * its processing one trace in Mackerel), and also its link (what the conventions ask of every process span).
 * A message that carries no context starts a trace: the container's delivery is where the work starts, as a
 * request is. The span is current while the bean runs, so its SQL and {@code @Traced} calls are its children.
 *
 * <p>Bound to {@code @MessageDriven} by {@link MessagingExtension}, so it is called for each business method
 * of such a bean; only {@code onMessage(Message)} makes a span.
 */
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 10)
public final class MessageDrivenInterceptor implements Serializable {
  private static final long serialVersionUID = 1L;
  // Serializable, like the library's other interceptors: Payara Server's EJB container otherwise generates a
  // serializable subclass of an interceptor class, which a final class refuses (the deployment failed).
  @Nullable private transient TracingExtension tracing;

  @Inject
  MessageDrivenInterceptor(TracingExtension tracing) {
    this.tracing = tracing;
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    tracing = TracingExtension.ofCurrentDeployment();
  }

  @AroundInvoke
  Object process(InvocationContext invocation) throws Exception {
    Object[] parameters = invocation.getParameters();
    DeploymentTracing deployment = tracing == null ? null : tracing.tracing();
    if (deployment != null) {
      // A delivery is where work starts, as a request is: the first one may come before any request has
      // started tracing (a queue with messages waiting at deployment).
      deployment.startNow();
    }
    Telemetry telemetry = deployment == null ? null : deployment.active();
    if (telemetry == null || parameters == null || parameters.length != 1 || !(parameters[0] instanceof Message)
        || !invocation.getMethod().getName().equals("onMessage")) {
      return invocation.proceed();
    }
    MessagingTelemetry messaging = MessagingTelemetry.of(telemetry);
    Span span = null;
    Context parent = null;
    try {
      Message message = (Message) parameters[0];
      Context sent = messaging.propagator.extract(Context.root(), message, MessageProperties.INSTANCE);
      parent = SpanPath.parent(sent, messaging.sampling, true);
      if (parent != null) {
        span = start(messaging, parent, message);
      }
    } catch (RuntimeException | LinkageError e) {
      TelemetryFailures.report("tracing a message-driven bean", e);
    }
    if (span == null || parent == null) {
      return invocation.proceed();
    }
    try (Scope ignored = parent.with(span).makeCurrent()) {
      return SpanPath.call(span, invocation::proceed, null);
    }
  }

  private static Span start(MessagingTelemetry messaging, Context parent, Message message) {
    MessagingAttributes about = MessagingAttributes.of(destination(message));
    var builder = about.addTo(
            messaging.tracer.spanBuilder(about.spanName(MessagingAttributes.PROCESS)), MessagingAttributes.PROCESS)
        .setParent(parent)
        .setSpanKind(SpanKind.CONSUMER);
    SpanContext sender = Span.fromContext(parent).getSpanContext();
    if (sender.isValid()) {
      builder.addLink(sender);
    }
    try {
      String id = message.getJMSMessageID();
      if (id != null) {
        builder.setAttribute(MessagingAttributes.MESSAGE_ID, id);
      }
    } catch (JMSException | RuntimeException e) {
      // no id to show
    }
    return builder.startSpan();
  }

  @Nullable
  private static jakarta.jms.Destination destination(Message message) {
    try {
      return message.getJMSDestination();
    } catch (JMSException | RuntimeException e) {
      return null;
    }
  }
}
