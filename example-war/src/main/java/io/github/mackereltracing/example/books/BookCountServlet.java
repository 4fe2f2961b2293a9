package io.github.mackereltracing.example.books;

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

/** {@code GET /books-count}: a plain servlet counting books on a {@code @Resource} DataSource field. */
@WebServlet("/books-count")
public class BookCountServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Resource(lookup = "java:app/jdbc/books")
  private transient DataSource dataSource;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM books WHERE title <> 'none'")) {
      rows.next();
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().println(rows.getLong(1));
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }
}
