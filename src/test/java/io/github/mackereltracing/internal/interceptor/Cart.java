package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;

/** A passivating bean: its interceptors must be serializable too. */
@SessionScoped
@Traced
public class Cart implements Serializable {
  private static final long serialVersionUID = 1L;

  public void add() {}
}
