package io.github.mackereltracing.example.users;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;

/** {@code GET /api/users} and {@code GET /api/users/{id}}. */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
  @Inject UserService users;

  @GET
  public List<User> all() throws SQLException {
    return users.findAll();
  }

  @GET
  @Path("{id}")
  public User one(@PathParam("id") long id) throws SQLException {
    return users.find(id);
  }
}
