package io.github.mackereltracing.example.profiles;

import io.github.mackereltracing.example.users.User;
import io.opentelemetry.context.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.concurrent.Future;

/**
 * Calls the users API over HTTP with the Jakarta REST client, as a front end calls a back-end service. The
 * example calls itself, so that one WAR shows both sides of a distributed trace.
 */
@ApplicationScoped
public class UserClient {
  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  private Client client;
  /**
   * For asynchronous calls: the client's executor carries the caller's trace context to the thread that
   * makes the call (docs/http.md), on every server.
   */
  private Client asyncClient;

  @PostConstruct
  void open() {
    client = ClientBuilder.newClient();
    asyncClient = ClientBuilder.newBuilder().executorService(Context.taskWrapping(executor)).build();
  }

  @PreDestroy
  void close() {
    client.close();
    asyncClient.close();
  }

  /** {@code GET {api}/users/{id}}. */
  public User fetch(URI api, long id) {
    return client.target(api)
        .path("users")
        .path(Long.toString(id))
        .request(MediaType.APPLICATION_JSON)
        .get(User.class);
  }

  /** {@code GET {api}/users/{id}}, made asynchronously on the server's managed executor. */
  public Future<User> fetchAsync(URI api, long id) {
    return asyncClient.target(api)
        .path("users")
        .path(Long.toString(id))
        .request(MediaType.APPLICATION_JSON)
        .async()
        .get(User.class);
  }

  /**
   * {@code GET {api}/users/{id}}, made asynchronously on the client's own executor: the trace is kept only
   * where the JAX-RS implementation carries it (RESTEasy on WildFly, for calls made while it serves a
   * request; docs/http.md).
   */
  public Future<User> fetchAsyncOnTheClientsExecutor(URI api, long id) {
    return client.target(api)
        .path("users")
        .path(Long.toString(id))
        .request(MediaType.APPLICATION_JSON)
        .async()
        .get(User.class);
  }
}
