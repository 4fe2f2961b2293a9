package io.github.mackereltracing.example.arquillian.apps.hello;

import io.github.mackereltracing.Traced;
import jakarta.enterprise.context.ApplicationScoped;

/** A traced CDI bean: its span shows which tracing (which SDK, which service.name) the CDI side uses. */
@Traced
@ApplicationScoped
public class Greeting {
  public String text(String contextPath) {
    return "hello from " + contextPath;
  }
}
