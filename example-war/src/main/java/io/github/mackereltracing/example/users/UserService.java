package io.github.mackereltracing.example.users;

import io.github.mackereltracing.Traced;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.sql.SQLException;
import java.util.List;

/**
 * The business layer between the REST resource and the database. {@code @Traced} gives each call a span
 * ({@code UserService.find}), under which the JDBC spans of the query appear.
 */
@Traced
@ApplicationScoped
public class UserService {
  @Inject UserRepository repository;

  /** The user with this id; a 404 when there is none. */
  public User find(long id) throws SQLException {
    User user = repository.find(id);
    if (user == null) {
      throw new NotFoundException("No user " + id);
    }
    return user;
  }

  public List<User> findAll() throws SQLException {
    return repository.findAll();
  }
}
