package io.github.mackereltracing.docs;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.opentracing.Traced;

/** The migration guide's "before": the same bean written for MicroProfile OpenTracing, still traced. */
@ApplicationScoped
@Traced
public class LegacyPriceService {
  public Price quote(Cart cart) {
    return new Price(cart.items().stream().mapToLong(Long::longValue).sum());
  }

  @Traced(false)
  public boolean healthy() {
    return true;
  }

  @Traced(operationName = "apply coupon")
  public Price discount(Price price, String coupon) {
    return coupon.isEmpty() ? price : new Price(price.cents() * 9 / 10);
  }
}
