package io.github.mackereltracing.httptest;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.github.mackereltracing.testing.OtlpReceiver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished span as a backend sees it, whether it came from the in-memory exporter or over OTLP, so that
 * one scenario can assert either. Attribute values are String, Long, Boolean, Double or List of String.
 */
public record RecordedSpan(
    String name,
    String kind,
    String traceId,
    String spanId,
    String parentSpanId,
    boolean error,
    long startNanos,
    long endNanos,
    Map<String, Object> attributes,
    List<Event> events) {

  public record Event(String name, Map<String, Object> attributes) {}

  public Object attribute(String key) {
    return attributes.get(key);
  }

  public boolean isServer() {
    return kind.equals("SERVER");
  }

  public boolean isClient() {
    return kind.equals("CLIENT");
  }

  static RecordedSpan of(SpanData span) {
    String parent = span.getParentSpanContext().isValid() ? span.getParentSpanId() : null;
    List<Event> events = new ArrayList<>();
    for (EventData event : span.getEvents()) {
      events.add(new Event(event.getName(), attributes(event.getAttributes())));
    }
    return new RecordedSpan(
        span.getName(), span.getKind().name(), span.getTraceId(), span.getSpanId(), parent,
        span.getStatus().getStatusCode() == StatusCode.ERROR, span.getStartEpochNanos(), span.getEndEpochNanos(),
        attributes(span.getAttributes()), events);
  }

  static RecordedSpan of(OtlpReceiver.ReceivedSpan received) {
    io.opentelemetry.proto.trace.v1.Span span = received.span();
    HexFormat hex = HexFormat.of();
    String parent = span.getParentSpanId().isEmpty() ? null : hex.formatHex(span.getParentSpanId().toByteArray());
    List<Event> events = new ArrayList<>();
    for (io.opentelemetry.proto.trace.v1.Span.Event event : span.getEventsList()) {
      events.add(new Event(event.getName(), attributes(event.getAttributesList())));
    }
    String kind = span.getKind().name().replace("SPAN_KIND_", "");
    return new RecordedSpan(
        span.getName(), kind, hex.formatHex(span.getTraceId().toByteArray()),
        hex.formatHex(span.getSpanId().toByteArray()), parent,
        span.getStatus().getCode() == io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR,
        span.getStartTimeUnixNano(), span.getEndTimeUnixNano(), attributes(span.getAttributesList()), events);
  }

  private static Map<String, Object> attributes(Attributes attributes) {
    Map<String, Object> map = new LinkedHashMap<>();
    attributes.forEach((AttributeKey<?> key, Object value) -> map.put(key.getKey(), value));
    return map;
  }

  private static Map<String, Object> attributes(List<KeyValue> list) {
    Map<String, Object> map = new HashMap<>();
    for (KeyValue kv : list) {
      map.put(kv.getKey(), value(kv.getValue()));
    }
    return map;
  }

  private static Object value(AnyValue v) {
    switch (v.getValueCase()) {
      case STRING_VALUE:
        return v.getStringValue();
      case INT_VALUE:
        return v.getIntValue();
      case BOOL_VALUE:
        return v.getBoolValue();
      case DOUBLE_VALUE:
        return v.getDoubleValue();
      case ARRAY_VALUE:
        List<Object> values = new ArrayList<>();
        for (AnyValue item : v.getArrayValue().getValuesList()) {
          values.add(value(item));
        }
        return values;
      default:
        return v.toString();
    }
  }
}
