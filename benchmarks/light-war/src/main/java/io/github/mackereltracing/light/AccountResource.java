package io.github.mackereltracing.light;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;

/** {@code GET /light/api/accounts/{id}}: plain text, so that no JSON provider's cost hides tracing's. */
@Path("/accounts")
public class AccountResource {
  @Inject AccountService accounts;

  @GET
  @Path("/{id}")
  @Produces(MediaType.TEXT_PLAIN)
  public String account(@PathParam("id") long id) throws SQLException {
    String summary = accounts.summary(id);
    if (summary == null) {
      throw new NotFoundException();
    }
    return summary;
  }
}
