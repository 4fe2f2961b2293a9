package io.github.mackereltracing.testing;

import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a test's code in the middle of the next SDK build, as another thread of a real server would (another
 * WAR starting its SDK, the server's own SDK). Registered in META-INF/services; does nothing unless armed.
 */
public final class DuringSdkBuild implements AutoConfigurationCustomizerProvider {
  private static final AtomicReference<Runnable> NEXT = new AtomicReference<>();

  /** {@code action} runs once, inside the next SDK build. */
  public static void arm(Runnable action) {
    NEXT.set(action);
  }

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    customizer.addPropertiesCustomizer(config -> {
      Runnable action = NEXT.getAndSet(null);
      if (action != null) {
        action.run();
      }
      return Map.of();
    });
  }
}
