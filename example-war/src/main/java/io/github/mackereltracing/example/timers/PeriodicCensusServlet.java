package io.github.mackereltracing.example.timers;

import io.github.mackereltracing.example.books.BookStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /periodic-census}: starts, once, a task that counts books every half minute on the server's
 * {@code ManagedScheduledExecutorService}. Each run is the root span of a trace of its own ({@code
 * CensusRun.run}), linked to the request that scheduled it, not a child of it.
 */
@WebServlet("/periodic-census")
public class PeriodicCensusServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject BookStore store;

  private final AtomicBoolean started = new AtomicBoolean();

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (started.compareAndSet(false, true)) {
      scheduler.scheduleAtFixedRate(new CensusRun(store), 1, 30, TimeUnit.SECONDS);
    }
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().println("census scheduled");
  }

  /** One count; a class of its own, so that its span is named {@code CensusRun.run}. */
  static final class CensusRun implements Runnable {
    private final BookStore store;

    CensusRun(BookStore store) {
      this.store = store;
    }

    @Override
    public void run() {
      try {
        store.count();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
