package io.github.mackereltracing.internal.interceptor;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.opentracing.Traced;

/** MicroProfile OpenTracing's @Traced on one method. */
@ApplicationScoped
public class LegacyCatalog {
  @Traced
  public void browse() {}

  public void other() {}
}
