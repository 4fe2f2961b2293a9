package io.github.mackereltracing.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The H2 database the JDBC wrapper tests run on: a people table and a {@code twice} function, made afresh. */
final class PeopleDatabase {
  private PeopleDatabase() {}

  /**
   * Empties {@code h2}'s database and makes the table with {@code rows} ({@code "(1, 'alice')"}, ...); the
   * connection returned keeps an in-memory database alive until the test closes it.
   */
  static Connection fill(DataSource h2, String... rows) throws SQLException {
    Connection setup = h2.getConnection();
    try (Statement s = setup.createStatement()) {
      s.execute("DROP ALL OBJECTS");
      s.execute("CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(100))");
      s.execute("INSERT INTO people VALUES " + String.join(", ", rows));
      s.execute("CREATE ALIAS twice FOR 'java.lang.Math.multiplyExact(int, int)'");
    }
    return setup;
  }
}
