package io.github.mackereltracing.example.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The application's DataSource: an in-memory H2 database bundled in the WAR, so that the example needs no
 * server configuration. It is a CDI producer, like the DataSources of most applications; JDBC calls made
 * through it are what the database view of Mackerel shows.
 */
@ApplicationScoped
public class Database {
  private static final Logger LOG = Logger.getLogger(Database.class.getName());

  @Produces
  @ApplicationScoped
  DataSource dataSource() {
    JdbcDataSource dataSource = new JdbcDataSource();
    // DB_CLOSE_DELAY=-1 keeps the in-memory database between connections; close() drops it at undeploy.
    dataSource.setURL("jdbc:h2:mem:example;DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    return dataSource;
  }

  /** Creates and fills the table once the application starts. */
  void createSchema(@Observes @Initialized(ApplicationScoped.class) Object started, DataSource dataSource)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS users ("
          + "id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200) NOT NULL)");
      statement.execute("MERGE INTO users KEY (id) VALUES "
          + "(1, 'Ada Lovelace', 'ada@example.com'), "
          + "(2, 'Alan Turing', 'alan@example.com'), "
          + "(3, 'Grace Hopper', 'grace@example.com')");
    }
  }

  /** Drops the in-memory database at undeploy, so that a redeploy starts clean and nothing is left behind. */
  void close(@Disposes DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Could not shut the example database down", e);
    }
  }
}
