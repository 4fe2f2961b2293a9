package io.github.mackereltracing.internal.cdi;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntry;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The injectable {@link Baggage}: whichever baggage is current when a method is called on it. It is never
 * itself stored in a context (every method of a stored one would read itself back, for ever):
 * {@code makeCurrent()} and {@code Context.with(baggage)} store the baggage it stands for.
 */
final class CurrentBaggage implements Baggage {
  static final CurrentBaggage INSTANCE = new CurrentBaggage();

  private CurrentBaggage() {}

  @Override
  public int size() {
    return Baggage.current().size();
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super BaggageEntry> consumer) {
    Baggage.current().forEach(consumer);
  }

  @Override
  public Map<String, BaggageEntry> asMap() {
    return Baggage.current().asMap();
  }

  @Override
  public String getEntryValue(String entryKey) {
    return Baggage.current().getEntryValue(entryKey);
  }

  @Override
  public BaggageEntry getEntry(String entryKey) {
    return Baggage.current().getEntry(entryKey);
  }

  @Override
  public BaggageBuilder toBuilder() {
    return Baggage.current().toBuilder();
  }

  /** Also what {@code makeCurrent()} and {@code Context.with(baggage)} call. */
  @Override
  public Context storeInContext(Context context) {
    return Baggage.current().storeInContext(context);
  }

  @Override
  public String toString() {
    return "CurrentBaggage{" + Baggage.current() + "}";
  }
}
