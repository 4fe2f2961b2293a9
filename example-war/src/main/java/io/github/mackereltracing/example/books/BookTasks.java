package io.github.mackereltracing.example.books;

import jakarta.enterprise.concurrent.Asynchronous;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;

/** Jakarta Concurrency's {@code @Asynchronous}: the method runs on the default managed executor. */
@ApplicationScoped
public class BookTasks {
  @Inject BookStore store;

  @Asynchronous
  public CompletableFuture<String> title(long id) {
    return Asynchronous.Result.complete(store.title(id));
  }

  /** The same, on the application's own executor (defined on {@link BookCountServlet}). */
  @Asynchronous(executor = "java:app/concurrent/traced-executor")
  public CompletableFuture<String> titleOnDefinedExecutor(long id) {
    return Asynchronous.Result.complete(store.title(id));
  }
}
