package io.github.mackereltracing.benchmarks.jdbc;

import io.github.mackereltracing.benchmarks.BenchDeployment;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.github.mackereltracing.jdbc.TracedDataSource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A primary-key lookup with one reused prepared statement on H2 in memory, as a request of a web
 * application makes them: through the raw driver, through this library's traced DataSource inside a trace
 * (a parent span is current) and outside one, and through OpenTelemetry's {@code JdbcTelemetry.wrap} with
 * the same SDK. The SDK is the deployment's, with its batch processor and a no-op exporter.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class JdbcBenchmark {
  static final int ROWS = 1000;

  /** Which DataSource, and whether a span is current while statements run. */
  @Param({"raw", "traced-parent", "traced-noparent", "jdbctelemetry-parent", "jdbctelemetry-noparent"})
  public String variant;

  DeploymentTracing tracing;
  Connection connection;
  PreparedStatement lookup;
  Span parent;
  Scope parentScope;
  int id;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    tracing = BenchDeployment.start(BenchDeployment.tracingToNoop());
    if (!tracing.enabled()) {
      throw new IllegalStateException("tracing did not start");
    }
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS people (id INT PRIMARY KEY, name VARCHAR(64), email VARCHAR(128))");
      s.execute("DELETE FROM people");
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO people VALUES (?, ?, ?)")) {
        for (int i = 0; i < ROWS; i++) {
          insert.setInt(1, i);
          insert.setString(2, "person " + i);
          insert.setString(3, "person" + i + "@example.com");
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    DataSource dataSource = switch (variant) {
      case "raw" -> h2;
      case "traced-parent", "traced-noparent" -> TracedDataSource.wrap(h2);
      case "jdbctelemetry-parent", "jdbctelemetry-noparent" -> JdbcTelemetry.create(tracing.openTelemetry()).wrap(h2);
      default -> throw new IllegalArgumentException(variant);
    };
    connection = dataSource.getConnection();
    lookup = connection.prepareStatement("SELECT name, email FROM people WHERE id = ?");
  }

  /** The span of the request being served, current on the benchmark's thread during an iteration. */
  @Setup(Level.Iteration)
  public void enterRequest() {
    if (variant.endsWith("-parent")) {
      parent = tracing.tracer().spanBuilder("GET /people/{id}").startSpan();
      parentScope = parent.makeCurrent();
    }
  }

  @TearDown(Level.Iteration)
  public void leaveRequest() {
    if (parentScope != null) {
      parentScope.close();
      parent.end();
      parentScope = null;
    }
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    lookup.close();
    connection.close();
    System.out.println(BenchDeployment.exported(tracing));
    Deployments.undeploy(tracing);
  }

  @Benchmark
  public String primaryKeyLookup() throws SQLException {
    lookup.setInt(1, id);
    id = (id + 1) % ROWS;
    try (ResultSet rows = lookup.executeQuery()) {
      return rows.next() ? rows.getString(2) : null;
    }
  }
}
