package io.github.mackereltracing.example.arquillian.apps.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the notes table. */
@Entity
@Table(name = "notes")
public class Note {
  @Id
  public long id;
  public String text;
}
