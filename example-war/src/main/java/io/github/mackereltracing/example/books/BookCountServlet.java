package io.github.mackereltracing.example.books;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
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

/**
 * {@code GET /books-count}: a plain servlet counting books on a {@code @Resource} DataSource field. It also
 * carries the application's resource definitions (a servlet is a component on every server, with or without
 * an EJB container): the server-managed DataSource of the {@code books} persistence unit, defined by
 * annotation so that the example needs no server configuration, and an executor and a context service of the
 * application's own, which propagate every context type not named otherwise ({@code ALL_REMAINING}, the
 * default of these annotations), the trace context too: the defaults of Open Liberty and Payara's default
 * ContextService do not (see docs/servers.md).
 */
@DataSourceDefinition(
    name = "java:app/jdbc/books",
    className = "org.h2.jdbcx.JdbcDataSource",
    url = "jdbc:h2:mem:books;DB_CLOSE_DELAY=-1",
    user = "sa")
@ContextServiceDefinition(name = "java:app/concurrent/traced-context")
@ManagedExecutorDefinition(name = "java:app/concurrent/traced-executor", context = "java:app/concurrent/traced-context")
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
