package io.github.mackereltracing.example.arquillian.apps.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Reads the "notes" unit while the application starts, as many applications do (a cache, a check). */
@ApplicationScoped
public class NotesAtStartup {
  @Inject
  NoteStore store;

  void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
    store.text(0);
  }
}
