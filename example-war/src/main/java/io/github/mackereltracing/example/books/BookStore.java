package io.github.mackereltracing.example.books;

import io.github.mackereltracing.Traced;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * Books through JPA, in a stateless EJB. {@code @Traced} gives each call a span ({@code BookStore.title});
 * the SQL that the JPA provider runs appears under it, with nothing else to write.
 */
@Traced
@Stateless
@Dependent // a plain CDI bean where the server has no EJB container (WildFly's standalone-microprofile.xml)
public class BookStore {
  @PersistenceContext(unitName = "books")
  EntityManager entityManager;

  /** The same database through plain JDBC: a {@code @Resource} field, traced like any injected DataSource. */
  @Resource(lookup = "java:app/jdbc/books")
  DataSource dataSource;

  /** The title of the book with this id, or null. */
  public String title(long id) {
    return entityManager.createQuery("SELECT b.title FROM Book b WHERE b.id = :id", String.class)
        .setParameter("id", id)
        .getResultStream().findFirst().orElse(null);
  }

  /** How many books there are, counted with JDBC. */
  public long count() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM books")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** {@link #title}, run by the EJB container on another thread. */
  @Asynchronous
  public Future<String> titleLater(long id) {
    return CompletableFuture.completedFuture(title(id));
  }
}
