package io.github.mackereltracing.example.arquillian.apps.resource;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** {@code GET /count}: plain JDBC on a {@code @Resource} DataSource field, no wrapping in the application. */
@DataSourceDefinition(
    name = "java:app/jdbc/counters",
    className = "org.h2.jdbcx.JdbcDataSource",
    url = "jdbc:h2:mem:counters;DB_CLOSE_DELAY=-1",
    user = "sa")
@WebServlet("/count")
public class CounterServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Resource(lookup = "java:app/jdbc/counters")
  private transient DataSource dataSource;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS counters (id INT)");
      try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM counters")) {
        rows.next();
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println(rows.getLong(1));
      }
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }
}
