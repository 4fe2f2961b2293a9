package io.github.mackereltracing.example.books;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The first rows of the {@code books} persistence unit (META-INF/persistence.xml), written at start-up. Its
 * DataSource is defined on {@link BookCountServlet}.
 */
@ApplicationScoped
public class BooksDatabase {
  private static final Logger LOG = Logger.getLogger(BooksDatabase.class.getName());

  @PersistenceContext(unitName = "books")
  EntityManager entityManager;

  @Resource UserTransaction transaction;

  void fill(@Observes @Initialized(ApplicationScoped.class) Object started) {
    try {
      transaction.begin();
      if (entityManager.find(Book.class, 1L) == null) {
        entityManager.persist(new Book(1, "Dune"));
        entityManager.persist(new Book(2, "Solaris"));
        entityManager.persist(new Book(3, "Foundation"));
      }
      transaction.commit();
    } catch (Exception e) {
      // Where the driver is a server-wide library (Open Liberty), applications deployed side by side share the
      // in-memory database, and another one may have filled it at the same moment.
      LOG.log(Level.INFO, "The books were not written; another application may have written them", e);
      try {
        if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
          transaction.rollback();
        }
      } catch (Exception alreadyOver) {
        // nothing left to undo
      }
    }
  }
}
