package io.github.mackereltracing.light;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * An in-memory H2 database behind a small connection pool (as a server's pool would be), produced as a CDI
 * bean so that the library traces it as it traces most applications' DataSources.
 */
@ApplicationScoped
public class Database {
  static final int ACCOUNTS = 1000;

  @Produces
  @ApplicationScoped
  DataSource dataSource() {
    return JdbcConnectionPool.create("jdbc:h2:mem:light;DB_CLOSE_DELAY=-1", "sa", "");
  }

  void createSchema(@Observes @Initialized(ApplicationScoped.class) Object started, DataSource dataSource)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS accounts ("
          + "id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, plan VARCHAR(20) NOT NULL, visits BIGINT NOT NULL)");
      statement.execute("CREATE TABLE IF NOT EXISTS settings (account_id BIGINT, name VARCHAR(50), setting_value VARCHAR(100),"
          + " PRIMARY KEY (account_id, name))");
      try (PreparedStatement account = connection.prepareStatement("MERGE INTO accounts KEY (id) VALUES (?, ?, ?, 0)");
          PreparedStatement setting = connection.prepareStatement("MERGE INTO settings KEY (account_id, name) VALUES (?, ?, ?)")) {
        for (int id = 1; id <= ACCOUNTS; id++) {
          account.setLong(1, id);
          account.setString(2, "account " + id);
          account.setString(3, id % 3 == 0 ? "pro" : "free");
          account.executeUpdate();
          for (String name : new String[] {"language", "timezone"}) {
            setting.setLong(1, id);
            setting.setString(2, name);
            setting.setString(3, name.equals("language") ? "ja" : "Asia/Tokyo");
            setting.executeUpdate();
          }
        }
      }
    }
  }
}
