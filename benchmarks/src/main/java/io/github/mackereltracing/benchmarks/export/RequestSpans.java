package io.github.mackereltracing.benchmarks.export;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * The spans of one request to a typical application, as this library makes them: the server span, a
 * {@code @Traced} service method, and two SQL statements. What varies from request to request (the path,
 * the client's port, the id in the URL) varies here too, so that the spans' strings are not all shared.
 */
final class RequestSpans {
  static final int SPANS_PER_REQUEST = 4;

  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
  private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  private static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
  private static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> FUNCTION = AttributeKey.stringKey("code.function.name");
  private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
  private static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");
  private static final AttributeKey<String> DB_TEXT = AttributeKey.stringKey("db.query.text");
  private static final AttributeKey<String> DB_SUMMARY = AttributeKey.stringKey("db.query.summary");
  private static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation.name");
  private static final AttributeKey<String> DB_COLLECTION = AttributeKey.stringKey("db.collection.name");

  private final Tracer tracer;
  private long request;

  RequestSpans(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Makes and ends the four spans of one more request. */
  void next() {
    long id = request++;
    Span server = tracer.spanBuilder("GET /users/{id}")
        .setSpanKind(SpanKind.SERVER)
        .setNoParent()
        .setAttribute(METHOD, "GET")
        .setAttribute(ROUTE, "/users/{id}")
        .setAttribute(PATH, "/users/" + id)
        .setAttribute(SCHEME, "http")
        .setAttribute(SERVER_ADDRESS, "app.example.com")
        .setAttribute(SERVER_PORT, 8080L)
        .setAttribute(CLIENT_ADDRESS, "10.0.3." + (id & 0xff))
        .setAttribute(USER_AGENT, "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
        .startSpan();
    Context request = Context.root().with(server);
    Span service = tracer.spanBuilder("UserService.find")
        .setParent(request)
        .setAttribute(FUNCTION, "com.example.users.UserService.find")
        .startSpan();
    Context inService = request.with(service);
    statement(inService, "SELECT users", "SELECT", "users", "SELECT id, name, email FROM users WHERE id = ?");
    statement(inService, "SELECT orders", "SELECT", "orders",
        "SELECT id, total, created_at FROM orders WHERE user_id = ? ORDER BY created_at DESC LIMIT ?");
    service.end();
    server.setAttribute(STATUS, 200L);
    if (id % 100 == 99) {
      server.setStatus(StatusCode.ERROR);
    }
    server.end();
  }

  private void statement(Context parent, String summary, String operation, String table, String text) {
    tracer.spanBuilder(summary)
        .setParent(parent)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(DB_SYSTEM, "postgresql")
        .setAttribute(DB_NAMESPACE, "shop")
        .setAttribute(SERVER_ADDRESS, "db.example.com")
        .setAttribute(SERVER_PORT, 5432L)
        .setAttribute(DB_TEXT, text)
        .setAttribute(DB_SUMMARY, summary)
        .setAttribute(DB_OPERATION, operation)
        .setAttribute(DB_COLLECTION, table)
        .startSpan()
        .end();
  }
}
