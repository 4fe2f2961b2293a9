package io.github.mackereltracing.light;

import io.github.mackereltracing.Traced;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** What a light endpoint does: a look-up, a related look-up, a count and an update, each on an index. */
@ApplicationScoped
public class AccountService {
  @Inject DataSource dataSource;

  @Traced
  public String summary(long id) throws SQLException {
    StringBuilder out = new StringBuilder(64);
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement find = connection.prepareStatement("SELECT name, plan FROM accounts WHERE id = ?")) {
        find.setLong(1, id);
        try (ResultSet rows = find.executeQuery()) {
          if (!rows.next()) {
            return null;
          }
          out.append(rows.getString(1)).append(' ').append(rows.getString(2));
        }
      }
      try (PreparedStatement settings =
          connection.prepareStatement("SELECT name, setting_value FROM settings WHERE account_id = ? ORDER BY name")) {
        settings.setLong(1, id);
        try (ResultSet rows = settings.executeQuery()) {
          while (rows.next()) {
            out.append(' ').append(rows.getString(1)).append('=').append(rows.getString(2));
          }
        }
      }
      try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM settings WHERE account_id = ?")) {
        count.setLong(1, id);
        try (ResultSet rows = count.executeQuery()) {
          rows.next();
          out.append(" settings=").append(rows.getLong(1));
        }
      }
      try (PreparedStatement visit = connection.prepareStatement("UPDATE accounts SET visits = visits + 1 WHERE id = ?")) {
        visit.setLong(1, id);
        visit.executeUpdate();
      }
    }
    return out.toString();
  }
}
