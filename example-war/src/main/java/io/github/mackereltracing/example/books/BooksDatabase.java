package io.github.mackereltracing.example.books;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The first rows of the {@code books} persistence unit (META-INF/persistence.xml), written at start-up. Its
 * DataSource is defined on {@link BookCountServlet}.
 *
 * <p>The unit is only read here; the rows go in through JDBC. Writing entities in this observer can deadlock
 * WildFly's deployment: WildFly fires {@code @Initialized(ApplicationScoped)} while holding Weld's container
 * lock, an entity write asks Bean Validation's CDI {@code ValidatorFactory} bean, and WildFly may be creating that
 * bean on another thread at the same moment, which waits for the container lock to notify MicroProfile Config's
 * injection-point observer (see docs/servers.md).
 */
@ApplicationScoped
public class BooksDatabase {
  private static final Logger LOG = Logger.getLogger(BooksDatabase.class.getName());

  @PersistenceContext(unitName = "books")
  EntityManager entityManager;

  @Resource(lookup = "java:app/jdbc/books")
  DataSource dataSource;

  void fill(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // The first use of the unit: Open Liberty creates its tables (and EclipseLink's session) only now.
    if (entityManager.find(Book.class, 1L) != null) {
      return;
    }
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      // MERGE: where the driver is a server-wide library (Open Liberty), applications deployed side by side
      // share the in-memory database, and another one may be writing the same rows at the same moment.
      statement.executeUpdate("MERGE INTO books (id, title) KEY (id) "
          + "VALUES (1, 'Dune'), (2, 'Solaris'), (3, 'Foundation')");
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "The books were not written", e);
    }
  }
}
