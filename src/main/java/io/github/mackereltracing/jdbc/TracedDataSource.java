package io.github.mackereltracing.jdbc;

import io.github.mackereltracing.internal.jdbc.TracingDataSource;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Traces what an application does with a JDBC {@link DataSource}: every statement execution becomes a
 * CLIENT span named after its operation and table ({@code SELECT people}), carrying the SQL with every
 * literal replaced by {@code ?}, so that Mackerel's database view lists it. Parameter values are never
 * recorded.
 *
 * <p>With CDI there is nothing to call: a {@code DataSource} that a producer method or field provides is
 * traced by the library, so for a server-managed pool this is all an application writes:
 *
 * <pre>{@code
 * @Produces @Resource(lookup = "java:comp/DefaultDataSource") DataSource dataSource;
 * }</pre>
 *
 * A {@code @Resource DataSource} field that the server injects (a servlet, an EJB, a CDI bean) is traced too,
 * and so are the statements of a container-managed JPA persistence unit. A DataSource the application looks
 * up ({@code InitialContext.lookup}) or builds itself needs {@link #wrap}.
 *
 * <p>Defaults: statement spans are made only inside a trace (a request being traced, a {@code @WithSpan}
 * method...), never as roots of their own; no spans for getting connections; the stable OpenTelemetry
 * database conventions only. Settings change each of these (see docs/jdbc.md).
 */
public final class TracedDataSource {
  private TracedDataSource() {}

  /**
   * A DataSource that traces the statements run on its connections. It may be called at any time, even
   * in a static initializer before tracing has started: the deployment's tracing is looked up when
   * statements run, and while tracing is off the wrapper costs next to nothing.
   *
   * <p>Wrapping a traced DataSource returns it unchanged. {@code unwrap} and {@code isWrapperFor} on the
   * DataSource, its connections and statements reach the driver's objects, and {@code getConnection()} of a
   * statement is the traced connection. Result sets and {@code getMetaData()} are the driver's own objects:
   * statements run on {@code getStatement()} of a result set or on {@code getMetaData().getConnection()} are
   * not traced.
   *
   * @param dataSource the DataSource to trace
   * @return a traced DataSource, or {@code dataSource} itself when it is traced already
   * @throws NullPointerException if {@code dataSource} is null
   */
  public static DataSource wrap(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return TracingDataSource.wrap(dataSource, false);
  }
}
