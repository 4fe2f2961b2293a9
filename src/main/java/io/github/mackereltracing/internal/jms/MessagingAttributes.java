package io.github.mackereltracing.internal.jms;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import jakarta.annotation.Nullable;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;

/**
 * The span name and the {@code messaging.*} attributes of one operation on one destination, as the
 * OpenTelemetry messaging conventions name them: {@code send orders}, {@code process orders}. A temporary
 * destination (a reply queue, named by the broker, one per requester) or one without a name gives the
 * operation alone as span name ({@code send}), so that such names never multiply span names; it is marked
 * {@code messaging.destination.temporary} or {@code messaging.destination.anonymous} instead.
 */
final class MessagingAttributes {
  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
  static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
  static final AttributeKey<String> DESTINATION_NAME = AttributeKey.stringKey("messaging.destination.name");
  static final AttributeKey<Boolean> DESTINATION_TEMPORARY = AttributeKey.booleanKey("messaging.destination.temporary");
  static final AttributeKey<Boolean> DESTINATION_ANONYMOUS = AttributeKey.booleanKey("messaging.destination.anonymous");
  static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

  /** The value of {@code messaging.system} for Jakarta Messaging, as the conventions name it. */
  static final String JMS = "jms";
  static final String SEND = "send";
  static final String PROCESS = "process";

  /** The destination's name, or null for a temporary destination or one without a name. */
  @Nullable final String name;
  final boolean temporary;

  private MessagingAttributes(@Nullable String name, boolean temporary) {
    this.name = name;
    this.temporary = temporary;
  }

  /** What a span may say of {@code destination} (null: none known). Never throws. */
  static MessagingAttributes of(@Nullable Destination destination) {
    if (destination instanceof TemporaryQueue || destination instanceof TemporaryTopic) {
      return new MessagingAttributes(null, true);
    }
    String name = null;
    try {
      if (destination instanceof Queue) {
        name = ((Queue) destination).getQueueName();
      } else if (destination instanceof Topic) {
        name = ((Topic) destination).getTopicName();
      }
    } catch (JMSException | RuntimeException e) {
      name = null; // a destination that cannot say its name is an unnamed one
    }
    return new MessagingAttributes(name == null || name.isBlank() ? null : name, false);
  }

  /** {@code operation destination}, or the operation alone when the name would not be a stable one. */
  String spanName(String operation) {
    return name == null ? operation : operation + " " + name;
  }

  /** Sets this destination's attributes and the operation's on {@code span}. */
  SpanBuilder addTo(SpanBuilder span, String operation) {
    span.setAttribute(SYSTEM, JMS)
        .setAttribute(OPERATION_TYPE, operation)
        .setAttribute(OPERATION_NAME, operation);
    if (name != null) {
      span.setAttribute(DESTINATION_NAME, name);
    } else if (temporary) {
      span.setAttribute(DESTINATION_TEMPORARY, true);
      span.setAttribute(DESTINATION_ANONYMOUS, true);
    } else {
      span.setAttribute(DESTINATION_ANONYMOUS, true);
    }
    return span;
  }
}
