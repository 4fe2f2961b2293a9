package io.github.mackereltracing.example.arquillian.apps.concurrency;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /work}: runs {@link Work#run} on a managed executor of the application's own (one thread, so that
 * a later task is on the thread an earlier one used) and waits for it. {@code ?detached=true} submits outside
 * any span, as a timer or a start-up job would.
 */
@ContextServiceDefinition(name = "java:app/concurrent/work-context")
@ManagedExecutorDefinition(name = "java:app/concurrent/work-executor", context = "java:app/concurrent/work-context",
    maxAsync = 1)
@WebServlet("/work")
public class WorkServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Resource(lookup = "java:app/concurrent/work-executor")
  private transient ManagedExecutorService executor;

  @Inject
  private Work work;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    boolean detached = Boolean.parseBoolean(request.getParameter("detached"));
    try (Scope ignored = detached ? Context.root().makeCurrent() : null) {
      String result = executor.submit(work::run).get(30, TimeUnit.SECONDS);
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().println(result);
    } catch (Exception e) {
      throw new IOException(e);
    }
  }
}
