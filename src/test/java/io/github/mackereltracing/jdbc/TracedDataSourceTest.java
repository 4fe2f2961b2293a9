package io.github.mackereltracing.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.github.mackereltracing.testing.OtlpReceiver;
import io.github.mackereltracing.testing.OtlpReceiver.ReceivedSpan;
import com.google.protobuf.ByteString;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public wrapper as an application uses it: wrapped once, possibly before tracing starts, finding the
 * deployment's tracing (configured the way a user configures it) when statements run, and exporting to a
 * real OTLP receiver.
 */
class TracedDataSourceTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ClassLoader appLoader = Thread.currentThread().getContextClassLoader();
  private final List<DeploymentTracing> deployments = new ArrayList<>();
  private final List<ClassLoader> loaders = new ArrayList<>();
  private final Set<String> properties = new HashSet<>();
  private OtlpReceiver receiver;
  private JdbcDataSource h2;
  private Connection keepAlive;

  @BeforeEach
  void start() throws Exception {
    receiver = new OtlpReceiver();
    h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:deployed;DB_CLOSE_DELAY=-1");
    keepAlive = h2.getConnection();
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS people (id INT PRIMARY KEY, name VARCHAR(100))");
      s.execute("MERGE INTO people VALUES (1, 'alice')");
    }
  }

  @AfterEach
  void stop() throws SQLException {
    for (DeploymentTracing d : deployments) {
      Deployments.undeploy(d);
    }
    for (ClassLoader loader : loaders) {
      ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig(loader));
    }
    properties.forEach(System::clearProperty);
    Thread.currentThread().setContextClassLoader(appLoader);
    receiver.close();
    keepAlive.close();
  }

  /** A deployment as the servlet initializer or the CDI extension starts it, configured with {@code settings}. */
  private DeploymentTracing deploy(String name, Map<String, String> settings) {
    Map<String, String> all = new java.util.HashMap<>(Map.of(
        "otel.sdk.disabled", "false",
        "otel.service.name", name,
        "otel.exporter.otlp.traces.endpoint", receiver.tracesUrl(),
        "otel.bsp.schedule.delay", "20",
        "otel.metrics.exporter", "none",
        "otel.logs.exporter", "none",
        "mackerel.host-id-file", "/nonexistent/mackerel-id"));
    all.putAll(settings);
    all.forEach((k, v) -> {
      System.setProperty(k, v);
      properties.add(k);
    });
    ClassLoader loader = new URLClassLoader(name, new URL[0], appLoader);
    loaders.add(loader);
    Thread.currentThread().setContextClassLoader(loader);
    DeploymentTracing tracing = Deployments.getOrCreate(loader);
    tracing.startNow();
    deployments.add(tracing);
    properties.forEach(System::clearProperty); // read once, at start: later deployments set their own
    return tracing;
  }

  private static void query(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      if (s.execute(sql)) {
        try (ResultSet rs = s.getResultSet()) {
          while (rs.next()) {
            rs.getObject(1);
          }
        }
      }
    }
  }

  @Test
  void wrappedBeforeTracingStartsThenTracedInsideTheDeploymentsTraces() throws Exception {
    DataSource ds = TracedDataSource.wrap(h2); // e.g. in a static initializer
    query(ds, "SELECT name FROM people WHERE id = 1"); // no deployment yet: runs untraced

    DeploymentTracing deployment = deploy("shop", Map.of());
    Span request = deployment.tracer().spanBuilder("GET /people").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      query(ds, "SELECT name FROM people WHERE name = 'alice'");
    } finally {
      request.end();
    }

    ReceivedSpan span = receiver.awaitSpan(s -> s.name().equals("SELECT people"), WAIT);
    assertThat(span.attribute("db.system.name")).isEqualTo("h2database");
    assertThat(span.attribute("db.namespace")).isEqualTo("deployed");
    assertThat(span.attribute("db.query.text")).isEqualTo("SELECT name FROM people WHERE name = ?");
    assertThat(span.span().getKind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT);
    assertThat(span.resourceAttribute("service.name")).isEqualTo("shop");
    ReceivedSpan parent = receiver.awaitSpan(s -> s.name().equals("GET /people"), WAIT);
    assertThat(span.span().getTraceId()).isEqualTo(parent.span().getTraceId());
    assertThat(span.span().getParentSpanId()).isEqualTo(parent.span().getSpanId());
    assertThat(receiver.spanNames()).containsOnlyOnce("SELECT people");
  }

  @Test
  void statementsFollowTheSamplersDecision() throws Exception {
    DataSource ds = TracedDataSource.wrap(h2);
    deploy("sampled-by-caller", Map.of(
        "mackerel.jdbc.root-spans", "true", "otel.traces.sampler", "parentbased_always_off"));

    query(ds, "SELECT name FROM people WHERE id = 1"); // a root: this sampler drops it
    SpanContext sampled = SpanContext.createFromRemoteParent(
        "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
    try (Scope ignored = Span.wrap(sampled).makeCurrent()) {
      query(ds, "SELECT name FROM people WHERE name = 'alice'"); // the caller sampled it: kept
    }

    ReceivedSpan span = receiver.awaitSpan(s -> s.name().equals("SELECT people"), WAIT);
    assertThat(span.attribute("db.query.text")).isEqualTo("SELECT name FROM people WHERE name = ?");
    assertThat(span.span().getParentSpanId())
        .isEqualTo(ByteString.copyFrom(HexFormat.of().parseHex("00f067aa0ba902b7")));
    assertThat(receiver.spanNames()).containsOnlyOnce("SELECT people");
  }

  @Test
  void settingsOfTheDeploymentApply() throws Exception {
    DeploymentTracing deployment = deploy("batch-jobs", Map.of(
        "mackerel.jdbc.root-spans", "true",
        "mackerel.jdbc.legacy-attributes", "true"));
    assertThat(deployment.enabled()).isTrue();
    DataSource ds = TracedDataSource.wrap(h2);

    query(ds, "SELECT id FROM people WHERE id = 42"); // a job outside any request: a root span

    ReceivedSpan span = receiver.awaitSpan(s -> s.name().equals("SELECT people"), WAIT);
    assertThat(span.span().getParentSpanId().isEmpty()).isTrue();
    assertThat(span.attribute("db.statement")).isEqualTo("SELECT id FROM people WHERE id = ?");
    assertThat(span.attribute("db.system")).isEqualTo("h2");
    assertThat(span.attribute("db.system.name")).isEqualTo("h2database");
  }

  @Test
  void afterAnUndeployTheSameWrapperServesTheNextDeployment() throws Exception {
    DataSource ds = TracedDataSource.wrap(h2);
    DeploymentTracing first = deploy("first", Map.of("mackerel.jdbc.root-spans", "true"));
    query(ds, "SELECT * FROM people WHERE id = 1");
    receiver.awaitSpan(s -> s.resourceAttribute("service.name").equals("first"), WAIT);

    Deployments.undeploy(first);
    query(ds, "SELECT * FROM people WHERE id = 2"); // tracing gone: still works, untraced

    deploy("second", Map.of("mackerel.jdbc.root-spans", "true"));
    query(ds, "DELETE FROM people WHERE id = 3");
    ReceivedSpan span = receiver.awaitSpan(s -> s.name().equals("DELETE people"), WAIT);
    assertThat(span.resourceAttribute("service.name")).isEqualTo("second");
    assertThat(receiver.spans()).filteredOn(s -> s.resourceAttribute("service.name").equals("first")).hasSize(1);
  }
}
