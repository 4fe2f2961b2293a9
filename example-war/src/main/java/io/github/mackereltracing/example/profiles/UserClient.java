package io.github.mackereltracing.example.profiles;

import io.github.mackereltracing.example.users.User;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;

/**
 * Calls the users API over HTTP with the Jakarta REST client, as a front end calls a back-end service. The
 * example calls itself, so that one WAR shows both sides of a distributed trace.
 */
@ApplicationScoped
public class UserClient {
  private Client client;

  @PostConstruct
  void open() {
    client = ClientBuilder.newClient();
  }

  @PreDestroy
  void close() {
    client.close();
  }

  /** {@code GET {api}/users/{id}}. */
  public User fetch(URI api, long id) {
    return client.target(api)
        .path("users")
        .path(Long.toString(id))
        .request(MediaType.APPLICATION_JSON)
        .get(User.class);
  }
}
