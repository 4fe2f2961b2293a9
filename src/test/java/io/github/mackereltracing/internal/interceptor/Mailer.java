package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;

/** Traced as a class, with a method that describes its span with @WithSpan instead. */
@ApplicationScoped
@Traced
public class Mailer {
  @WithSpan(value = "smtp send", kind = SpanKind.CLIENT)
  public void mail() {}
}
