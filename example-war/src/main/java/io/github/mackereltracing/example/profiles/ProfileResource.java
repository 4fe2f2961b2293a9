package io.github.mackereltracing.example.profiles;

import io.github.mackereltracing.example.users.User;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code GET /api/profiles/{id}}: builds a profile from the users API, reached over HTTP. */
@Path("profiles")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {
  @Inject UserClient users;

  @Inject
  @ConfigProperty(name = "example.greeting", defaultValue = "Hello")
  String greeting;

  @Context UriInfo uriInfo;

  @GET
  @Path("{id}")
  public Profile profile(@PathParam("id") long id) {
    // This application's own API, at the address the request came in on.
    URI api = uriInfo.getBaseUri();
    User user = users.fetch(api, id);
    return new Profile(user, greeting + ", " + user.name() + "!", api.toString());
  }

  /** {@code GET /api/profiles/{id}/async}: the same profile, the users API called asynchronously. */
  @GET
  @Path("{id}/async")
  public Profile profileAsync(@PathParam("id") long id)
      throws InterruptedException, ExecutionException, TimeoutException {
    URI api = uriInfo.getBaseUri();
    User user = users.fetchAsync(api, id).get(20, TimeUnit.SECONDS);
    return new Profile(user, greeting + ", " + user.name() + "!", api.toString());
  }

  /** {@code GET /api/profiles/{id}/async-own-executor}: the same, on the client's own executor. */
  @GET
  @Path("{id}/async-own-executor")
  public Profile profileAsyncOnTheClientsExecutor(@PathParam("id") long id)
      throws InterruptedException, ExecutionException, TimeoutException {
    URI api = uriInfo.getBaseUri();
    User user = users.fetchAsyncOnTheClientsExecutor(api, id).get(20, TimeUnit.SECONDS);
    return new Profile(user, greeting + ", " + user.name() + "!", api.toString());
  }
}
