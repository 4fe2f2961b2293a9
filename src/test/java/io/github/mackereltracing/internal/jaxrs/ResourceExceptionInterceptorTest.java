package io.github.mackereltracing.internal.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mackereltracing.internal.http.ServerRequestSpan;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.jboss.weld.junit5.auto.ActivateScopes;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;

/**
 * The exception a resource method throws reaches the request's SERVER span before JAX-RS maps it, and the
 * caller (JAX-RS) gets it unchanged; a resource class CDI could not intercept deploys as before.
 */
@EnableAutoWeld
@ActivateScopes(RequestScoped.class)
@AddExtensions(ResourceExceptionExtension.class)
@AddBeanClasses({
  ResourceExceptionInterceptorTest.Orders.class,
  ResourceExceptionInterceptorTest.Legacy.class,
  ResourceExceptionInterceptorTest.Sealed.class
})
class ResourceExceptionInterceptorTest {
  @Path("orders")
  @RequestScoped
  public static class Orders {
    @GET
    public String list() {
      throw new IllegalStateException("orders database down");
    }

    @POST
    public String create() {
      throw new NotFoundException();
    }

    /** Not a resource method: no HTTP method annotation. */
    public String helper() {
      throw new IllegalArgumentException("not a request");
    }
  }

  /** A final resource method: CDI cannot intercept it (binding it would fail the deployment). */
  @Path("legacy")
  public static class Legacy {
    @GET
    public final String finalMethod() {
      throw new IllegalStateException("final");
    }
  }

  /** A final resource class: left alone, and the deployment does not fail. */
  @Path("sealed")
  public static final class Sealed {
    @GET
    public String get() {
      return "ok";
    }
  }

  @Inject Orders orders;
  @Inject Sealed sealed;
  @Inject Legacy legacy;

  private final ServerRequestSpan server =
      new ServerRequestSpan(Deployments.getOrCreate(getClass().getClassLoader()), Span.getInvalid(), "GET", null);

  @Test
  void theResourcesOwnExceptionReachesTheServerSpanUnchanged() {
    IllegalStateException thrown;
    try (Scope ignored = server.storeIn(Context.root()).makeCurrent()) {
      thrown = (IllegalStateException) org.assertj.core.api.Assertions.catchThrowable(orders::list);
    }
    assertThat(thrown).hasMessage("orders database down");
    assertThat(server.resourceFailure()).isSameAs(thrown);
  }

  @Test
  void theFirstExceptionIsKept() {
    try (Scope ignored = server.storeIn(Context.root()).makeCurrent()) {
      assertThatThrownBy(orders::list).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(orders::create).isInstanceOf(NotFoundException.class);
    }
    assertThat(server.resourceFailure()).hasMessage("orders database down");
  }

  @Test
  void otherMethodsAndUninterceptableOnesAreLeftAlone() {
    try (Scope ignored = server.storeIn(Context.root()).makeCurrent()) {
      assertThatThrownBy(orders::helper).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(legacy::finalMethod).isInstanceOf(IllegalStateException.class);
      assertThat(sealed.get()).isEqualTo("ok");
    }
    assertThat(server.resourceFailure()).isNull();
  }

  @Test
  void withoutAServerSpanNothingIsKeptAndTheExceptionStillPasses() {
    assertThatThrownBy(orders::list).hasMessage("orders database down");
    assertThat(server.resourceFailure()).isNull();
  }
}
