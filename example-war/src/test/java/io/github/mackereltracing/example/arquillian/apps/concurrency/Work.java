package io.github.mackereltracing.example.arquillian.apps.concurrency;

import io.github.mackereltracing.Traced;
import jakarta.enterprise.context.ApplicationScoped;

/** The task's own work: a traced bean method, so that the task leaves a span. */
@Traced
@ApplicationScoped
public class Work {
  public String run() {
    return "done";
  }
}
