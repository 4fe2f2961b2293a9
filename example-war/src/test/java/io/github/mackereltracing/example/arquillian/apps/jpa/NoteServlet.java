package io.github.mackereltracing.example.arquillian.apps.jpa;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /note}: one JPA query through {@link NoteStore} (the "notes" unit, also read at start-up);
 * {@code GET /note?unit=drafts}: the same through {@link DraftStore} (a unit first used by this request). Both
 * units are on the DataSource defined here.
 */
@DataSourceDefinition(
    name = "java:app/jdbc/notes",
    className = "org.h2.jdbcx.JdbcDataSource",
    url = "jdbc:h2:mem:notes;DB_CLOSE_DELAY=-1",
    user = "sa")
@WebServlet("/note")
public class NoteServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @EJB
  private NoteStore notes;

  @EJB
  private DraftStore drafts;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().println("drafts".equals(request.getParameter("unit")) ? drafts.text(1) : notes.text(1));
  }
}
