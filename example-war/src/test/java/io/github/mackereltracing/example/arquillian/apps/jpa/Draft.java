package io.github.mackereltracing.example.arquillian.apps.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the drafts table (the unit that nothing uses before the first request). */
@Entity
@Table(name = "drafts")
public class Draft {
  @Id
  public long id;
  public String text;
}
