package io.github.mackereltracing.example.arquillian.apps.jpa;

import io.github.mackereltracing.Traced;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Drafts through the "drafts" unit, which the application first uses when a request comes. */
@Traced
@Stateless
public class DraftStore {
  @PersistenceContext(unitName = "drafts")
  EntityManager entityManager;

  /** The text of the draft with this id, or "none". */
  public String text(long id) {
    return entityManager.createQuery("SELECT d.text FROM Draft d WHERE d.id = :id", String.class)
        .setParameter("id", id)
        .getResultStream().findFirst().orElse("none");
  }
}
