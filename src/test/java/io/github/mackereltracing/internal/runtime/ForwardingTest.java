package io.github.mackereltracing.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** What every proxy of the library answers the same way, whatever it wraps. */
class ForwardingTest {
  /** Upper-cases what {@code call} returns; forwards everything else. */
  static final class Shouting extends Forwarding {
    Shouting(Object target) {
      super(target);
    }

    @Override
    protected Object handle(Object proxy, Method method, Object[] args) throws Throwable {
      Object result = forward(method, args);
      return method.getName().equals("call") && result instanceof String text ? text.toUpperCase() : result;
    }
  }

  @SuppressWarnings("unchecked")
  private static Callable<String> shouting(Callable<String> target) {
    return (Callable<String>) Forwarding.proxy(new Shouting(target), Callable.class);
  }

  @Test
  void theHandlerAnswersAndTheTargetDoesTheWork() throws Exception {
    assertThat(shouting(() -> "quiet").call()).isEqualTo("QUIET");
  }

  @Test
  void whatTheTargetThrowsReachesTheCallerAsTheSameInstance() {
    IOException checked = new IOException("disk");
    UncheckedIOException unchecked = new UncheckedIOException(checked);
    StackOverflowError error = new StackOverflowError();
    assertThatThrownBy(() -> shouting(() -> { throw checked; }).call()).isSameAs(checked);
    assertThatThrownBy(() -> shouting(() -> { throw unchecked; }).call()).isSameAs(unchecked);
    assertThatThrownBy(() -> shouting(() -> { throw error; }).call()).isSameAs(error);
  }

  @Test
  void equalityIsTheProxysIdentityAndTheNameIsTheTargets() {
    Callable<String> target = new Callable<>() {
      @Override
      public String call() {
        return "";
      }

      @Override
      public String toString() {
        return "the driver's statement";
      }
    };
    Callable<String> one = shouting(target);
    Callable<String> two = shouting(target);
    assertThat(one).isEqualTo(one).isNotEqualTo(two).isNotEqualTo(target);
    assertThat(one.hashCode()).isEqualTo(System.identityHashCode(one));
    assertThat(one).hasToString("the driver's statement");
  }

  @Test
  void aProxyKnowsItsHandlerAndNothingElseIsOne() {
    Callable<String> proxy = shouting(() -> "");
    assertThat(Forwarding.handlerOf(proxy, Shouting.class)).isNotNull();
    assertThat(Forwarding.handlerOf(proxy, Forwarding.class)).isNotNull();
    assertThat(Forwarding.handlerOf((Callable<String>) () -> "", Shouting.class)).isNull();
    assertThat(Forwarding.handlerOf(null, Shouting.class)).isNull();
  }
}
