package io.github.mackereltracing.docs;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import javax.sql.DataSource;

/** README and docs/jdbc.md: a server-managed pool, made injectable by a producer field, hence traced. */
@ApplicationScoped
public class Database {
  @Produces
  @Resource(lookup = "java:comp/DefaultDataSource") // or your pool's JNDI name
  DataSource dataSource;
}
