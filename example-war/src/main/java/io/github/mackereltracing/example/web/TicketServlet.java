package io.github.mackereltracing.example.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /tickets}: always sold out; the exception goes to the error page of web.xml. */
@WebServlet("/tickets")
public class TicketServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) {
    throw new SoldOutException("No tickets left for tonight");
  }
}
