package io.github.mackereltracing.example.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Plain JDBC on the application's DataSource. */
@ApplicationScoped
public class UserRepository {
  @Inject DataSource dataSource;

  /** The user with this id, or null. */
  public User find(long id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT id, name, email FROM users WHERE id = ?")) {
      statement.setLong(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? user(rows) : null;
      }
    }
  }

  public List<User> findAll() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT id, name, email FROM users ORDER BY id LIMIT 100");
        ResultSet rows = statement.executeQuery()) {
      List<User> users = new ArrayList<>();
      while (rows.next()) {
        users.add(user(rows));
      }
      return users;
    }
  }

  private static User user(ResultSet rows) throws SQLException {
    return new User(rows.getLong("id"), rows.getString("name"), rows.getString("email"));
  }
}
