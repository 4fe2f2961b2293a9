package io.github.mackereltracing.docs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** docs/jdbc.md: the produced DataSource, injected anywhere. */
@ApplicationScoped
public class People {
  @Inject DataSource dataSource;

  public int count() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM people WHERE age > 30")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
