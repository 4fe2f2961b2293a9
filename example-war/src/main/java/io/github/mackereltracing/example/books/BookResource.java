package io.github.mackereltracing.example.books;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/books/{id}}: a book's title through the EJB; {@code GET /api/books/count}: JDBC on the EJB's
 * {@code @Resource} DataSource; {@code GET /api/books/{id}/via/{way}}: the same
 * call handed to another thread: {@code executor}, {@code scheduled}, {@code context-service} (a contextual
 * proxy run by a plain thread), {@code asynchronous} (Jakarta Concurrency) or {@code ejb-asynchronous}, and
 * {@code defined-executor}, {@code defined-context-service}, {@code defined-asynchronous}: the same on the
 * application's own executor and context service.
 * {@code ?detached=true} submits outside any span.
 */
@Path("books")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class BookResource {
  @Inject BookStore store;
  @Inject BookTasks tasks;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Resource(lookup = "java:comp/DefaultContextService")
  ContextService contextService;

  @Resource(lookup = "java:app/concurrent/traced-executor")
  ManagedExecutorService definedExecutor;

  @Resource(lookup = "java:app/concurrent/traced-context")
  ContextService definedContextService;

  @GET
  @Path("count")
  public String count() throws java.sql.SQLException {
    return Long.toString(store.count());
  }

  @GET
  @Path("{id}")
  public String title(@PathParam("id") long id) {
    return found(store.title(id));
  }

  @GET
  @Path("{id}/via/{way}")
  public String titleVia(@PathParam("id") long id, @PathParam("way") String way, @QueryParam("detached") boolean detached)
      throws Exception {
    // detached: as if submitted by code that runs outside any trace (a timer, a start-up job).
    try (Scope ignored = detached ? Context.root().makeCurrent() : null) {
      return found(submit(way, id).get(30, TimeUnit.SECONDS));
    }
  }

  private Future<String> submit(String way, long id) {
    Callable<String> task = () -> store.title(id);
    switch (way) {
      case "executor":
        return executor.submit(task);
      case "scheduled":
        return scheduler.schedule(task, 10, TimeUnit.MILLISECONDS);
      case "context-service":
        return runOnPlainThread(contextService.contextualCallable(task));
      case "asynchronous":
        return tasks.title(id);
      case "defined-executor":
        return definedExecutor.submit(task);
      case "defined-context-service":
        return runOnPlainThread(definedContextService.contextualCallable(task));
      case "defined-asynchronous":
        return tasks.titleOnDefinedExecutor(id);
      case "ejb-asynchronous":
        return store.titleLater(id);
      default:
        throw new NotFoundException("No way " + way);
    }
  }

  private static Future<String> runOnPlainThread(Callable<String> task) {
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      return thread.submit(task);
    } finally {
      thread.shutdown();
    }
  }

  private static String found(String title) {
    if (title == null) {
      throw new NotFoundException();
    }
    return title;
  }
}
