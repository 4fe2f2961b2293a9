package io.github.mackereltracing.internal.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceRoutesTest {
  @Path("users")
  public static class Users {
    @GET
    @Path("{id: [0-9]{1,9}}/orders/")
    public String orders(@PathParam("id") long id) {
      return "";
    }

    @GET
    public String list() {
      return "";
    }
  }

  @Path("/orders/")
  public interface OrdersApi {
    @GET
    @Path("/{orderId}/lines/{line}")
    String line(String orderId, int line);
  }

  public static class Orders implements OrdersApi {
    @Override
    public String line(String orderId, int line) {
      return "";
    }
  }

  /** What a CDI container's subclass of a resource looks like: no annotations of its own. */
  public static class Orders$$Proxy extends Orders {
    @Override
    public String line(String orderId, int line) {
      return "";
    }
  }

  @Path("shops")
  public static class Shops {
    @Path("{shop}/items")
    public Items items() {
      return new Items();
    }
  }

  public static class Items {
    @GET
    @Path("{item}")
    public String item() {
      return "";
    }
  }

  @Test
  void joinsClassAndMethodPathsWithoutRegularExpressions() throws Exception {
    assertThat(ResourceRoutes.template(Users.class, Users.class.getMethod("orders", long.class)).path)
        .isEqualTo("/users/{id}/orders");
    assertThat(ResourceRoutes.template(Users.class, Users.class.getMethod("list")).path).isEqualTo("/users");
  }

  @Test
  void inheritsAnnotationsFromInterfacesAndSuperclasses() throws Exception {
    assertThat(ResourceRoutes.template(Orders.class, Orders.class.getMethod("line", String.class, int.class)).path)
        .isEqualTo("/orders/{orderId}/lines/{line}");
    assertThat(ResourceRoutes.template(
            Orders$$Proxy.class, Orders$$Proxy.class.getMethod("line", String.class, int.class)).path)
        .isEqualTo("/orders/{orderId}/lines/{line}");
  }

  @Test
  void followsSubResourceLocators() throws Exception {
    List<Object> matched = List.of(new Items(), new Shops());
    assertThat(ResourceRoutes.locatedTemplate(matched, Items.class, Items.class.getMethod("item")).path)
        .isEqualTo("/shops/{shop}/items/{item}");
  }

  @Test
  void namesAreMadeOncePerBasePathAndMethod() throws Exception {
    ResourceRoutes.Template template = ResourceRoutes.template(Users.class, Users.class.getMethod("list"));
    assertThat(ResourceRoutes.template(Users.class, Users.class.getMethod("list"))).isSameAs(template);
    ResourceRoutes.Named first = template.named("/shop/api/", "GET");
    assertThat(first.route).isEqualTo("/shop/api/users");
    assertThat(first.spanName).isEqualTo("GET /shop/api/users");
    assertThat(template.named(new String("/shop/api/"), "GET")).isSameAs(first);
    assertThat(template.named("/shop/api/", "HEAD").spanName).isEqualTo("HEAD /shop/api/users");
  }

  @Test
  void putsTheBasePathInFront() {
    assertThat(ResourceRoutes.route("/shop/api/", "/users/{id}")).isEqualTo("/shop/api/users/{id}");
    assertThat(ResourceRoutes.route("/", "/users")).isEqualTo("/users");
    assertThat(ResourceRoutes.route("/shop/api/", "/")).isEqualTo("/shop/api");
    assertThat(ResourceRoutes.normalize("{id}")).isEqualTo("/{id}");
    assertThat(ResourceRoutes.normalize("")).isEqualTo("/");
  }
}
