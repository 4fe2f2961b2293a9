package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Fails as it is told, and returns the stages it is given: the caller keeps control of the outcome. */
@ApplicationScoped
@Traced
public class Shipping {
  public void label(RuntimeException failure) {
    throw failure;
  }

  public void send(IOException failure) throws IOException {
    throw failure;
  }

  public void halt(Error failure) {
    throw failure;
  }

  public CompletableFuture<String> quote(CompletableFuture<String> outcome) {
    return outcome;
  }

  public CompletionStage<String> estimate(CompletableFuture<String> source) {
    return source.thenApply(days -> {
      if (days.isEmpty()) {
        throw new IllegalArgumentException("no estimate");
      }
      return days + " days";
    });
  }

  public CompletionStage<String> nothing() {
    return null;
  }
}
