package io.github.mackereltracing.internal.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Open Liberty's class loading, rebuilt: RESTEasy runs in the server's class loader, and the application's
 * (which holds this library, as WEB-INF/lib would) cannot see RESTEasy's SPI package. There, the user's
 * asynchronous call, made as docs/http.md advises (a client whose executor is wrapped with {@code
 * Context.taskWrapping}), must succeed and keep the caller's context. It once failed with {@code
 * NoClassDefFoundError: org/jboss/resteasy/spi/concurrent/ThreadContext}: RESTEasy's {@code ServiceLoader}
 * read the library's service file through the application's class loader. Real RESTEasy client, real HTTP
 * on loopback.
 */
class ResteasySpiHiddenFromApplicationTest {
  private static final ContextKey<String> CALLER = ContextKey.named("caller");

  private HttpServer server;
  private ExecutorService pool;
  private final List<String> seenByFilter = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = OkServer.start();
    pool = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    server.stop(0);
  }

  @Test
  void anAsyncCallOnATaskWrappingExecutorSucceedsAndKeepsTheCallersContext() throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // As on a request thread of the application: its class loader is the thread's context class loader.
    thread.setContextClassLoader(applicationLoaderThatCannotSeeResteasysSpi());
    try {
      ClientRequestFilter recorder =
          request -> {
            String caller = Context.current().get(CALLER);
            seenByFilter.add(caller == null ? "none" : caller);
          };
      Client client =
          ClientBuilder.newBuilder().executorService(Context.taskWrapping(pool)).register(recorder).build();
      try (Scope ignored = Context.current().with(CALLER, "caller").makeCurrent()) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        assertThat(client.target(url).request().async().get(String.class).get(10, TimeUnit.SECONDS))
            .isEqualTo("ok");
      } finally {
        client.close();
      }
    } finally {
      thread.setContextClassLoader(previous);
    }

    assertThat(seenByFilter).containsExactly("caller");
  }

  @Test
  void theRequestFilterLeavesRestEasyAloneWhereItsClassesAreHidden() throws Exception {
    Class<?> filter =
        applicationLoaderThatCannotSeeResteasysSpi().loadClass(ResteasyThreadContextFilter.class.getName());
    assertThat(filter.getClassLoader()).isNotSameAs(ResteasyThreadContextFilter.class.getClassLoader());

    java.lang.reflect.Method visible = filter.getDeclaredMethod("resteasyVisible");
    visible.setAccessible(true);
    assertThat(visible.invoke(null)).isEqualTo(false);
    assertThat(ResteasyThreadContextFilter.resteasyVisible()).isTrue();
  }

  /**
   * The library's classes (and resources, its service files) defined by a class loader of their own, whose
   * parent is the test class path without {@code org.jboss.resteasy.spi}: what a WAR's class loader is on
   * Open Liberty, measured with a probe WAR on 26.0.0.3.
   */
  private static ClassLoader applicationLoaderThatCannotSeeResteasysSpi() {
    URL library = ResteasyContextPropagation.class.getProtectionDomain().getCodeSource().getLocation();
    ClassLoader server =
        new ClassLoader("server-without-resteasy-spi", ResteasySpiHiddenFromApplicationTest.class.getClassLoader()) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            // The library's own classes too: the application's loader must define them itself.
            if (name.startsWith("org.jboss.resteasy.spi.") || name.startsWith("io.github.mackereltracing.")) {
              throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
          }
        };
    return new URLClassLoader("application", new URL[] {library}, server);
  }
}
