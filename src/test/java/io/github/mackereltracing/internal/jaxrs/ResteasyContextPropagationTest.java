package io.github.mackereltracing.internal.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.resteasy.core.ResteasyContext;
import org.jboss.resteasy.spi.concurrent.ThreadContext;
import org.jboss.resteasy.spi.concurrent.ThreadContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plain asynchronous JAX-RS call on RESTEasy ({@code request().async().get()}, as the MicroProfile
 * Telemetry TCK's JaxRsClientAsyncTest makes it from a resource) runs the request filters on the client's
 * executor thread: the caller's context must be current there, and gone from that thread afterwards. Real
 * RESTEasy client, real HTTP on loopback; the request being served is what RESTEasy's dispatcher sets up
 * around a resource: a context level of its own, then the request filters.
 */
class ResteasyContextPropagationTest {
  private static final ContextKey<String> CALLER = ContextKey.named("caller");

  private HttpServer server;
  private ExecutorService oneWorker;
  private Client client;
  /** The CALLER value current in the request filter of each call, "none" when there was none. */
  private final List<String> seenByFilter = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = OkServer.start();
    // One worker, so that the second call runs on the thread the first one used.
    oneWorker = Executors.newSingleThreadExecutor();
    ClientRequestFilter recorder =
        request -> {
          String caller = Context.current().get(CALLER);
          seenByFilter.add(caller == null ? "none" : caller);
        };
    client = ClientBuilder.newBuilder().executorService(oneWorker).register(recorder).build();
  }

  @AfterEach
  void stop() {
    client.close();
    oneWorker.shutdownNow();
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @Test
  void theCallersContextIsCurrentInTheFiltersOfAnAsyncCallAndResetAfterIt() throws Exception {
    whileServingARequest(() -> {
      try (Scope ignored = Context.current().with(CALLER, "first").makeCurrent()) {
        return client.target(url()).request().async().get(String.class).get(10, TimeUnit.SECONDS);
      }
    });
    // No context here: the worker must not still carry the first call's.
    assertThat(whileServingARequest(
            () -> client.target(url()).request().async().get(String.class).get(10, TimeUnit.SECONDS)))
        .isEqualTo("ok");

    assertThat(seenByFilter).containsExactly("first", "none");
  }

  @Test
  void rxCallsToo() throws Exception {
    String body = whileServingARequest(() -> {
      try (Scope ignored = Context.current().with(CALLER, "rx").makeCurrent()) {
        return client.target(url()).request().rx().get(String.class).toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
      }
    });

    assertThat(body).isEqualTo("ok");
    assertThat(seenByFilter).containsExactly("rx");
  }

  @Test
  void outsideARestEasyRequestTheContextIsNotCarried() throws Exception {
    // docs/http.md: there, the client's executor must carry it (Context.taskWrapping).
    try (Scope ignored = Context.current().with(CALLER, "no request").makeCurrent()) {
      assertThat(client.target(url()).request().async().get(String.class).get(10, TimeUnit.SECONDS))
          .isEqualTo("ok");
    }

    assertThat(seenByFilter).containsExactly("none");
  }

  @Test
  void aThreadContextTheApplicationRegistersStaysWithItsOwnRequest() throws Exception {
    ThreadContext<String> applications = new ThreadContext<>() {
      @Override
      public String capture() {
        return "application";
      }

      @Override
      public void push(String context) {}

      @Override
      public void reset(String context) {}
    };

    Collection<Object> first = whileServingARequest(() -> {
      // What RESTEasy does when the application registers a ThreadContext as a provider.
      ResteasyContext.computeIfAbsent(ThreadContexts.class, ThreadContexts::new).add(applications);
      return List.<Object>copyOf(ResteasyContext.getContextData(ThreadContexts.class).getThreadContexts());
    });
    Collection<Object> next =
        whileServingARequest(
            () -> List.<Object>copyOf(ResteasyContext.getContextData(ThreadContexts.class).getThreadContexts()));

    assertThat(first).contains(applications).hasAtLeastOneElementOfType(ResteasyContextPropagation.class);
    assertThat(next).doesNotContain(applications)
        .hasAtLeastOneElementOfType(ResteasyContextPropagation.class);
  }

  @Test
  void nestedPushesAreUndoneInOrder() {
    ResteasyContextPropagation propagation = new ResteasyContextPropagation();
    Context outer = Context.root().with(CALLER, "outer");
    Context inner = Context.root().with(CALLER, "inner");

    propagation.push(outer);
    propagation.push(inner);
    assertThat(Context.current().get(CALLER)).isEqualTo("inner");
    propagation.reset(inner);
    assertThat(Context.current().get(CALLER)).isEqualTo("outer");
    propagation.reset(outer);

    assertThat(Context.current()).isSameAs(Context.root());
    propagation.reset(outer); // an unmatched reset is harmless
    assertThat(Context.current()).isSameAs(Context.root());
  }

  /** Runs {@code call} as RESTEasy's dispatcher runs a resource method. */
  private static <T> T whileServingARequest(Callable<T> call) throws Exception {
    ResteasyContext.addContextDataLevel();
    try {
      new ResteasyThreadContextFilter().filter(null);
      return call.call();
    } finally {
      ResteasyContext.removeContextDataLevel();
    }
  }
}
