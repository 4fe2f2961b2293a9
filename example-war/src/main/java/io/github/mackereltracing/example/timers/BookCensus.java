package io.github.mackereltracing.example.timers;

import io.github.mackereltracing.example.books.BookStore;
import jakarta.annotation.PostConstruct;
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
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * EJB timers, each call the root span of a trace of its own ({@code BookCensus.everyHalfMinute}, {@code
 * BookCensus.onInterval}) with the traced {@code BookStore.count} and its SQL below. Periods of half a minute:
 * a few spans per minute, not a flood.
 */
@Singleton
@Startup
public class BookCensus {
  private static final Logger LOG = Logger.getLogger(BookCensus.class.getName());

  @Inject BookStore store;

  /**
   * Looked up rather than injected with {@code @Resource}: where the server has no EJB container (WildFly's
   * standalone-microprofile.xml) this class is no EJB, and an injected TimerService would fail the deployment.
   */
  @PostConstruct
  void startIntervalTimer() {
    try {
      TimerService timerService = InitialContext.doLookup("java:comp/TimerService");
      timerService.createIntervalTimer(5_000, 30_000, new TimerConfig("book census", false));
    } catch (NamingException e) {
      LOG.info("no EJB timer service here: " + e);
    }
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
