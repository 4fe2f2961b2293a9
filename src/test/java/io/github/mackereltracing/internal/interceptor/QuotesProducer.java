package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InterceptionFactory;
import jakarta.enterprise.util.AnnotationLiteral;

/**
 * Adds @Traced to an object it did not write, as CDI lets a producer do. Its own class-level name must not
 * leak onto the product's spans.
 */
@ApplicationScoped
@Traced(operationName = "quotes producer")
public class QuotesProducer {
  @Produces
  @ApplicationScoped
  Quotes quotes(InterceptionFactory<Quotes> factory) {
    factory.configure().add(new TracedLiteral());
    return factory.createInterceptedInstance(new Quotes());
  }

  @SuppressWarnings("all")
  static final class TracedLiteral extends AnnotationLiteral<Traced> implements Traced {
    @Override
    public boolean value() {
      return true;
    }

    @Override
    public String operationName() {
      return "";
    }
  }
}
