package io.github.mackereltracing.internal.jms;

import io.github.mackereltracing.internal.span.TelemetryFailures;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.annotation.Nullable;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageNotWriteableException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * The trace context in a message's properties. A property name must be a Java identifier, so each
 * propagator field is written as the OpenTelemetry Java agent writes it, with {@code -} as {@code __dash__}
 * (the W3C names {@code traceparent}, {@code tracestate} and {@code baggage} are identifiers already and stay
 * as they are; B3's {@code X-B3-TraceId} becomes {@code X__dash__B3__dash__TraceId}); so messages pass between
 * applications traced by the agent and by this library, both ways.
 */
enum MessageProperties implements TextMapSetter<Message>, TextMapGetter<Message> {
  INSTANCE;

  private static final String DASH = "__dash__";

  static String propertyName(String field) {
    return field.replace("-", DASH);
  }

  static String fieldName(String property) {
    return property.replace(DASH, "-");
  }

  @Override
  public void set(@Nullable Message message, String field, String value) {
    if (message == null) {
      return;
    }
    try {
      message.setStringProperty(propertyName(field), value);
    } catch (MessageNotWriteableException e) {
      // A received message sent on as it is: its properties are read-only, and it keeps the context it has.
    } catch (JMSException | RuntimeException e) {
      TelemetryFailures.report("writing the trace context into a message", e);
    }
  }

  @Override
  public Iterable<String> keys(Message message) {
    List<String> keys = new ArrayList<>();
    try {
      for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements(); ) {
        keys.add(fieldName(String.valueOf(names.nextElement())));
      }
    } catch (JMSException | RuntimeException e) {
      // no properties to read: no context
    }
    return keys;
  }

  @Nullable
  @Override
  public String get(@Nullable Message message, String field) {
    if (message == null) {
      return null;
    }
    try {
      Object value = message.getObjectProperty(propertyName(field));
      return value == null ? null : value.toString();
    } catch (JMSException | RuntimeException e) {
      return null;
    }
  }
}
