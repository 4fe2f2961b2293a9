package io.github.mackereltracing.example.web;

/** Thrown by {@link TicketServlet}; web.xml hands it to {@link SoldOutPage}. */
public class SoldOutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SoldOutException(String message) {
    super(message);
  }
}
