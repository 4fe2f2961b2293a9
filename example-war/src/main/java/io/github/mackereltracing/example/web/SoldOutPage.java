package io.github.mackereltracing.example.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The error page for {@link SoldOutException}: a 409 with a message for people. */
@WebServlet("/sold-out")
public class SoldOutPage extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_CONFLICT);
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().println("Sold out, sorry.");
  }
}
