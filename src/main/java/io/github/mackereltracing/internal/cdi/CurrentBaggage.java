package io.github.mackereltracing.internal.cdi;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntry;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The injectable {@link Baggage}: whichever baggage is current when a method is called on it. See {@link
 * CurrentStandIn}.
 */
final class CurrentBaggage extends CurrentStandIn<Baggage> implements Baggage {
  static final CurrentBaggage INSTANCE = new CurrentBaggage();

  private CurrentBaggage() {
    super(Baggage::current);
  }

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
}
