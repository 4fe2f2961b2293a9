package io.github.mackereltracing.example.timers;

import io.github.mackereltracing.example.books.BookStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * EJB timers, each call the root span of a trace of its own ({@code BookCensus.everyHalfMinute}, {@code
 * BookCensus.onInterval}) with the traced {@code BookStore.count} and its SQL below. Periods of half a minute:
 * a few spans per minute, not a flood.
 */
@Singleton
@Startup
public class BookCensus {
  private static final Logger LOG = Logger.getLogger(BookCensus.class.getName());

  @Resource TimerService timerService;
  @Inject BookStore store;

  @PostConstruct
  void startIntervalTimer() {
    timerService.createIntervalTimer(5_000, 30_000, new TimerConfig("book census", false));
  }

  @Schedule(hour = "*", minute = "*", second = "*/30", persistent = false)
  public void everyHalfMinute() {
    LOG.info("scheduled census: " + count() + " books");
  }

  @Timeout
  public void onInterval(Timer timer) {
    LOG.info("interval census: " + count() + " books");
  }

  /** A timeout method may throw no checked exception (Open Liberty refuses to deploy one that declares it). */
  private long count() {
    try {
      return store.count();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
