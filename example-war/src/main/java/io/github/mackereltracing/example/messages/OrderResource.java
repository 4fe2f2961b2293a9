package io.github.mackereltracing.example.messages;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** {@code POST /api/orders/{bookId}}: puts an order for the book on the orders queue; 202 once it is sent. */
@Path("orders")
@RequestScoped
public class OrderResource {
  @Inject JMSContext context;

  @Resource(lookup = OrderListener.QUEUE)
  Queue orders;

  @POST
  @Path("{bookId}")
  public Response order(@PathParam("bookId") long bookId) {
    context.createProducer().send(orders, Long.toString(bookId));
    return Response.accepted().build();
  }
}
