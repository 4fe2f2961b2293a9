package io.github.mackereltracing.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PendingSetupTest {
  private final PendingSetup pending = new PendingSetup();
  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void aStepRunsAfterARequestAndAtMostOnceASecond() {
    pending.retry(() -> runs.incrementAndGet() > 5);

    pending.runIfDue();
    pending.runIfDue();
    pending.runIfDue();

    assertThat(runs).hasValue(1);
    assertThat(pending.pending()).isTrue();
  }

  @Test
  void aStepThatIsDoneIsNotRunAgain() {
    pending.retry(() -> runs.incrementAndGet() > 0);

    pending.runIfDue();

    assertThat(pending.pending()).isFalse();
    pending.runIfDue();
    assertThat(runs).hasValue(1);
  }

  @Test
  void aStepThatThrowsIsDroppedAndTheRequestGoesOn() {
    pending.retry(() -> {
      runs.incrementAndGet();
      throw new IllegalStateException("provider gone");
    });

    pending.runIfDue();

    assertThat(pending.pending()).isFalse();
    assertThat(runs).hasValue(1);
  }

  @Test
  void nothingPendingCostsNothing() {
    pending.runIfDue();

    assertThat(pending.pending()).isFalse();
  }
}
