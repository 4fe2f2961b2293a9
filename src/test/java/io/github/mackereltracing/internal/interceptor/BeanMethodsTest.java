package io.github.mackereltracing.internal.interceptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * A method's trace is the same whichever Method object the container passes for it: the one it passes on
 * every call (Weld), or a new copy each time.
 */
class BeanMethodsTest {
  private final BeanMethods methods = BeanMethods.declaredBy(Catalog.class, false);

  @Test
  void theSameObjectOrACopyFindsTheSameTrace() throws Exception {
    Method find = Catalog.class.getMethod("find", String.class);
    Method copy = Catalog.class.getMethod("find", String.class);
    assertThat(copy).isNotSameAs(find).isEqualTo(find);

    MethodTrace trace = methods.get(find);
    assertThat(trace.spanName).isEqualTo("Catalog.find");
    assertThat(methods.get(find)).isSameAs(trace);
    assertThat(methods.get(copy)).isSameAs(trace);
    assertThat(methods.get(find)).isSameAs(trace);
  }

  @Test
  void methodsCalledInTurnKeepTheirOwnTraces() throws Exception {
    Method find = Catalog.class.getMethod("find", String.class);
    Method list = Catalog.class.getMethod("list");
    Method string = Catalog.class.getMethod("toString");
    MethodTrace findTrace = methods.get(find);
    MethodTrace listTrace = methods.get(list);
    MethodTrace stringTrace = methods.get(string);
    assertThat(findTrace.spanName).isEqualTo("Catalog.find");
    assertThat(listTrace).isNotSameAs(findTrace);
    assertThat(stringTrace).isNotSameAs(findTrace);
    // New copies on every call too, many more than there are entries to remember them by.
    for (int i = 0; i < 5000; i++) {
      assertThat(methods.get(find)).isSameAs(findTrace);
      assertThat(methods.get(list)).isSameAs(listTrace);
      assertThat(methods.get(Catalog.class.getMethod("find", String.class))).isSameAs(findTrace);
      assertThat(methods.get(string)).isSameAs(stringTrace);
    }
  }
}
