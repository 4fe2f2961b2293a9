package io.github.mackereltracing.docs;

import io.github.mackereltracing.jdbc.TracedDataSource;
import jakarta.annotation.Resource;
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

/** docs/jdbc.md: a {@code @Resource} DataSource in a servlet, wrapped once. */
@WebServlet("/orders")
public class OrderServlet extends HttpServlet {
  @Resource(lookup = "java:comp/DefaultDataSource")
  private DataSource raw;
  private DataSource dataSource;

  @Override
  public void init() {
    dataSource = TracedDataSource.wrap(raw);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM orders WHERE status = 'open'")) {
      rows.next();
      response.getWriter().print(rows.getInt(1));
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }
}
