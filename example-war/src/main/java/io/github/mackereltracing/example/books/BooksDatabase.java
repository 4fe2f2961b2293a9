package io.github.mackereltracing.example.books;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The {@code books} table and its first rows, written with JDBC at start-up; the {@code books} persistence unit
 * (META-INF/persistence.xml) maps it. Its DataSource is defined on {@link BookCountServlet}.
 *
 * <p>The unit itself is not used at start-up, as in most applications: Open Liberty then creates it in the
 * first request that needs it, and the library traces it from the next one on (docs/jdbc.md). Writing entities
 * here could also deadlock WildFly's deployment (docs/servers.md, WildFly).
 */
@ApplicationScoped
public class BooksDatabase {
  private static final Logger LOG = Logger.getLogger(BooksDatabase.class.getName());

  @Resource(lookup = "java:app/jdbc/books")
  DataSource dataSource;

  void fill(@Observes @Initialized(ApplicationScoped.class) Object started) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS books (id BIGINT PRIMARY KEY, title VARCHAR(255))");
      // MERGE: where the driver is a server-wide library (Open Liberty), applications deployed side by side
      // share the in-memory database, and another one may be writing the same rows at the same moment.
      statement.executeUpdate("MERGE INTO books (id, title) KEY (id) "
          + "VALUES (1, 'Dune'), (2, 'Solaris'), (3, 'Foundation')");
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "The books were not written", e);
    }
  }
}
