package io.github.mackereltracing.example.web;

import io.github.mackereltracing.TraceIdLogFilter;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * {@code GET /log-line?tag=...}: writes two log lines inside the request's span. The first through a plain
 * {@code java.util.logging} logger, whose ids a server with an MDC shows through its log pattern (WildFly:
 * {@code %X{trace_id}}); the second through a logger with {@link TraceIdLogFilter}, for Payara and Open
 * Liberty, whose logs have no MDC.
 */
@WebServlet("/log-line")
public class LogLineServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(LogLineServlet.class.getName());
  private static final Logger JUL_WITH_IDS =
      TraceIdLogFilter.addTo(Logger.getLogger(LogLineServlet.class.getName() + ".ids"));

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String tag = String.valueOf(request.getParameter("tag")).replaceAll("[^A-Za-z0-9-]", "");
    LOG.info("example log line " + tag);
    JUL_WITH_IDS.info("example jul line " + tag);
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().println("logged " + tag);
  }
}
