package io.github.mackereltracing.example.arquillian.apps.jpa;

import io.github.mackereltracing.Traced;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Notes through the container's persistence unit, in a traced stateless EJB. */
@Traced
@Stateless
public class NoteStore {
  @PersistenceContext(unitName = "notes")
  EntityManager entityManager;

  /** The text of the note with this id, or "none". */
  public String text(long id) {
    return entityManager.createQuery("SELECT n.text FROM Note n WHERE n.id = :id", String.class)
        .setParameter("id", id)
        .getResultStream().findFirst().orElse("none");
  }
}
