package io.github.mackereltracing.example.web;

import io.github.mackereltracing.MackerelTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /hello?name=...}: a plain servlet, outside CDI, that records its own span through {@link
 * MackerelTracing#openTelemetry()}.
 */
@WebServlet("/hello")
public class GreetingServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String name = request.getParameter("name");
    if (name == null || name.isBlank()) {
      name = "world";
    }
    Tracer tracer = MackerelTracing.openTelemetry().getTracer("io.github.mackereltracing.example");
    Span span = tracer.spanBuilder("compose greeting").startSpan();
    String greeting;
    try (Scope ignored = span.makeCurrent()) {
      span.setAttribute("example.name.length", name.length());
      greeting = "Hello, " + name + "!";
    } finally {
      span.end();
    }
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().println(greeting);
  }
}
