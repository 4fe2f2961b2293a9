package io.github.mackereltracing.docs;

import io.github.mackereltracing.Traced;
import jakarta.enterprise.context.ApplicationScoped;

/** docs/annotations.md and the migration guide: {@code @Traced} on a class, excluded and renamed methods. */
@ApplicationScoped
@Traced                                    // every business method of the bean makes a span
public class PriceService {
  public Price quote(Cart cart) {          // span "PriceService.quote"
    return new Price(cart.items().stream().mapToLong(Long::longValue).sum());
  }

  @Traced(false)                           // except this one
  public boolean healthy() {
    return true;
  }

  @Traced(operationName = "apply coupon")  // its own span name
  public Price discount(Price price, String coupon) {
    return coupon.isEmpty() ? price : new Price(price.cents() * 9 / 10);
  }
}
