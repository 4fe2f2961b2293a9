package io.github.mackereltracing.example.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** {@code GET /api/fail}: always fails with an unhandled exception, which the server answers with a 500. */
@Path("fail")
@RequestScoped
public class FailureResource {
  @GET
  public String fail() {
    throw new IllegalStateException("Simulated failure: the payment service is unavailable");
  }
}
