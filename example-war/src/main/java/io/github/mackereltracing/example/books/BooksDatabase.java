package io.github.mackereltracing.example.books;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server-managed DataSource of the {@code books} persistence unit (see META-INF/persistence.xml), defined
 * by annotation so that the example needs no server configuration, and its first rows, written at start-up.
 */
@DataSourceDefinition(
    name = "java:app/jdbc/books",
    className = "org.h2.jdbcx.JdbcDataSource",
    url = "jdbc:h2:mem:books;DB_CLOSE_DELAY=-1",
    user = "sa")
// An executor and a context service of the application's own, which propagate every context type that is
// not named otherwise (ALL_REMAINING, the default of these annotations) and so the trace context too: the
// defaults of Open Liberty and Payara's default ContextService do not (see docs/servers.md).
@ContextServiceDefinition(name = "java:app/concurrent/traced-context")
@ManagedExecutorDefinition(name = "java:app/concurrent/traced-executor", context = "java:app/concurrent/traced-context")
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class BooksDatabase {
  private static final Logger LOG = Logger.getLogger(BooksDatabase.class.getName());

  @PersistenceContext(unitName = "books")
  EntityManager entityManager;

  @Resource UserTransaction transaction;

  @PostConstruct
  void fill() {
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
