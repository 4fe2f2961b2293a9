package io.github.mackereltracing.example.reports;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/reports/{year}?delayMs=...}: an asynchronous endpoint. The request thread returns at once;
 * the report is built later on the server's managed executor and the response is resumed from there.
 */
@Path("reports")
@RequestScoped
public class ReportResource {
  private static final long MAX_DELAY_MS = 10_000;

  @Inject Tracer tracer;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService executor;

  @GET
  @Path("{year}")
  @Produces(MediaType.TEXT_PLAIN)
  public void report(
      @PathParam("year") int year,
      @QueryParam("delayMs") @DefaultValue("200") long delayMs,
      @Suspended AsyncResponse response) {
    // The work runs on another thread: carry the request's trace context there, so that its span joins
    // the request's trace.
    Context requestContext = Context.current();
    long delay = Math.max(0, Math.min(delayMs, MAX_DELAY_MS));
    executor.schedule(
        () -> {
          try (Scope ignored = requestContext.makeCurrent()) {
            response.resume(build(year));
          } catch (RuntimeException e) {
            response.resume(e);
          }
        },
        delay,
        TimeUnit.MILLISECONDS);
  }

  private String build(int year) {
    Span span = tracer.spanBuilder("build report").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      span.setAttribute("example.report.year", year);
      return "Report " + year + ": 3 users";
    } finally {
      span.end();
    }
  }
}
