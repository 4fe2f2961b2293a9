package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Two traced hops, each naming the call it serves. */
@ApplicationScoped
public class Relay {
  @Inject Hop hop;

  @Traced
  public void forward(@SpanAttribute("call") long call) {
    hop.step(call);
  }

  /** The second hop, a bean of its own so that the call is intercepted. */
  @ApplicationScoped
  public static class Hop {
    @Traced
    public void step(@SpanAttribute("call") long call) {}
  }
}
