package io.github.mackereltracing.internal.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The entity of the JPA tests. */
@Entity
@Table(name = "books")
public class Book {
  @Id long id;
  String title;

  public Book() {}

  Book(long id, String title) {
    this.id = id;
    this.title = title;
  }
}
