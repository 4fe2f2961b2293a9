package io.github.mackereltracing.internal.cdi;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ImplicitContextKeyed;
import java.util.function.Supplier;

/**
 * What the injectable {@link CurrentSpan} and {@link CurrentBaggage} share: each stands for whichever value is
 * current when a method is called on it, and is never itself stored in a context (every method of a stored one
 * would read itself back, for ever).
 */
abstract class CurrentStandIn<T extends ImplicitContextKeyed> implements ImplicitContextKeyed {
  private final Supplier<T> current;

  /** @param current the value to stand for, read at every call ({@code Span::current}) */
  CurrentStandIn(Supplier<T> current) {
    this.current = current;
  }

  /** Also what {@code makeCurrent()} and {@code Context.with(value)} call: they store the value stood for. */
  @Override
  public final Context storeInContext(Context context) {
    return current.get().storeInContext(context);
  }

  @Override
  public final String toString() {
    return getClass().getSimpleName() + "{" + current.get() + "}";
  }
}
