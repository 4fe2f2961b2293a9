package io.github.mackereltracing.example.books;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A book, stored in the {@code books} table of the server-managed DataSource. */
@Entity
@Table(name = "books")
public class Book {
  @Id private long id;
  private String title;

  protected Book() {}

  Book(long id, String title) {
    this.id = id;
    this.title = title;
  }

  public long getId() {
    return id;
  }

  public String getTitle() {
    return title;
  }
}
