package io.github.mackereltracing.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbc.JdbcCallableStatement;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbc.JdbcPreparedStatement;
import org.h2.jdbc.JdbcStatement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the traced connection and statements, being {@link Proxy} instances, must keep of the driver's objects
 * (real H2): its exceptions as the very instances, {@code unwrap}, default methods, identity, the interfaces
 * shown, and the JDBC 4.3 connection builder.
 */
class TracedProxiesTest {
  private static final String URL = "jdbc:h2:mem:proxies;DB_CLOSE_DELAY=-1";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private JdbcDataSource h2;
  private Connection setup;

  @BeforeEach
  void createTables() throws SQLException {
    h2 = new JdbcDataSource();
    h2.setURL(URL);
    setup = PeopleDatabase.fill(h2, "(1, 'alice')");
  }

  @AfterEach
  void close() throws SQLException {
    setup.close();
    provider.close();
  }

  private DataSource traced(DataSource driver) {
    return TracingDataSource.create(driver, JdbcTelemetry.create(provider.get("test"), true, false, false));
  }

  static Stream<Throwable> driverFailures() {
    return Stream.of(
        new SQLException("no such table", "42S02", 42102),
        new IllegalStateException("driver bug"),
        new AssertionError("driver error"));
  }

  @ParameterizedTest
  @MethodSource("driverFailures")
  void aDriversExceptionReachesTheCallerAsTheSameInstance(Throwable error) throws Exception {
    // A pass-through: no span, the very exception.
    try (Connection c = traced(failingIn(DataSource.class, h2, "setMaxRows", error)).getConnection();
        Statement s = c.createStatement()) {
      assertThat(catchThrowable(() -> s.setMaxRows(5))).isSameAs(error);
      assertThat(catchThrowable(() -> c.prepareStatement("SELECT 1").setMaxRows(5))).isSameAs(error);
    }
    assertThat(exporter.getFinishedSpanItems()).isEmpty();

    // A traced execution, with and without SQL text: one failed span each, the very exception.
    try (Connection c = traced(failingIn(DataSource.class, h2, "executeQuery", error)).getConnection();
        Statement s = c.createStatement();
        PreparedStatement p = c.prepareStatement("SELECT name FROM people WHERE id = ?")) {
      assertThat(catchThrowable(() -> s.executeQuery("SELECT * FROM people"))).isSameAs(error);
      p.setInt(1, 1);
      assertThat(catchThrowable(p::executeQuery)).isSameAs(error);
      assertThat(s.executeUpdate("UPDATE people SET name = 'alice' WHERE id = 1")).isEqualTo(1);
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).extracting(SpanData::getName).containsExactly("SELECT people", "SELECT people", "UPDATE people");
    assertThat(spans.subList(0, 2)).allSatisfy(span -> {
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.type")))
          .isEqualTo(error.getClass().getName());
    });
  }

  @Test
  void unwrapAnswersTheTracedObjectForWhatItShowsAndTheDriversForTheRest() throws Exception {
    try (Connection c = traced(h2).getConnection();
        Statement s = c.createStatement();
        PreparedStatement p = c.prepareStatement("SELECT 1");
        CallableStatement call = c.prepareCall("{? = call twice(?, 2)}")) {
      assertThat(c.unwrap(JdbcConnection.class)).isInstanceOf(JdbcConnection.class).isNotSameAs(c);
      assertThat(c.unwrap(Connection.class)).isSameAs(c);
      assertThat(c.unwrap(AutoCloseable.class)).isSameAs(c);
      assertThat(c.isWrapperFor(JdbcConnection.class)).isTrue();
      assertThat(c.isWrapperFor(Connection.class)).isTrue();
      assertThat(c.isWrapperFor(Statement.class)).isFalse();
      assertThat(catchThrowable(() -> c.unwrap(Statement.class))).isInstanceOf(SQLException.class);

      assertThat(s.unwrap(Statement.class)).isSameAs(s);
      assertThat(s.unwrap(JdbcStatement.class)).isInstanceOf(JdbcStatement.class);
      assertThat(p.unwrap(PreparedStatement.class)).isSameAs(p);
      assertThat(p.unwrap(JdbcPreparedStatement.class)).isInstanceOf(JdbcPreparedStatement.class);
      assertThat(call.unwrap(CallableStatement.class)).isSameAs(call);
      assertThat(call.isWrapperFor(JdbcCallableStatement.class)).isTrue();

      // Exactly the interface of what was asked for, as the hand-written wrappers showed.
      assertThat(s).isNotInstanceOf(PreparedStatement.class);
      assertThat(p).isNotInstanceOf(CallableStatement.class);
      assertThat(p.isWrapperFor(CallableStatement.class)).isFalse();
      assertThat(call).isInstanceOf(CallableStatement.class);
    }
  }

  @Test
  void defaultMethodsReachTheDriversImplementation() throws Exception {
    try (Connection c = traced(h2).getConnection(); Statement s = c.createStatement();
        Statement raw = setup.createStatement()) {
      // H2 overrides isSimpleIdentifier: lower case is not simple where names are upper-cased; the
      // interface's default would say true.
      assertThat(raw.isSimpleIdentifier("abc")).isFalse();
      assertThat(s.isSimpleIdentifier("abc")).isFalse();
      assertThat(s.enquoteIdentifier("abc", false)).isEqualTo(raw.enquoteIdentifier("abc", false));
      assertThat(s.enquoteLiteral("it's")).isEqualTo("'it''s'"); // not overridden: the interface's
      c.beginRequest();
      c.endRequest();
    }
  }

  @Test
  void identityIsTheProxysAndToStringTheDrivers() throws Exception {
    DataSource ds = traced(h2);
    try (Connection c = ds.getConnection(); Connection other = ds.getConnection();
        Statement s = c.createStatement()) {
      Connection driver = c.unwrap(JdbcConnection.class);
      assertThat(c.equals(c)).isTrue();
      assertThat(c.equals(driver)).isFalse();
      assertThat(c.equals(other)).isFalse();
      assertThat(c.hashCode()).isEqualTo(System.identityHashCode(c));
      assertThat(s.hashCode()).isEqualTo(System.identityHashCode(s));
      Set<Object> seen = new HashSet<>(List.of(c, other, s));
      assertThat(seen).hasSize(3).contains(c);
      assertThat(c.toString()).isEqualTo(driver.toString());
      assertThat(s.toString()).isEqualTo(s.unwrap(JdbcStatement.class).toString());
    }
  }

  @Test
  void callableStatementsOwnMethodsGoThroughAndItsConnectionIsTheTracedOne() throws Exception {
    Span request = provider.get("test").spanBuilder("GET /").startSpan();
    try (Scope ignored = request.makeCurrent();
        Connection c = traced(h2).getConnection();
        CallableStatement call = c.prepareCall("{? = call twice(?, 2)}")) {
      call.registerOutParameter(1, Types.INTEGER);
      call.setInt(2, 21);
      call.execute();
      assertThat(call.getInt(1)).isEqualTo(42);
      assertThat(call.wasNull()).isFalse();
      assertThat(call.getConnection()).isSameAs(c);
      // Statements made from the statement's connection are traced too.
      try (ResultSet rs = call.getConnection().createStatement().executeQuery("SELECT name FROM people")) {
        assertThat(rs.next()).isTrue();
      }
    } finally {
      request.end();
    }
    assertThat(exporter.getFinishedSpanItems()).extracting(SpanData::getName)
        .containsExactly("call twice", "SELECT people", "GET /");
  }

  @Test
  void connectionsFromTheConnectionBuilderAreTracedAndItsSettersChain() throws Exception {
    DataSource withBuilder = failingIn(DataSource.class, h2, "none", new AssertionError());
    ConnectionBuilder builder = traced(withBuilder).createConnectionBuilder();
    assertThat(builder.user("")).isSameAs(builder);
    assertThat(builder.password("")).isSameAs(builder);
    assertThat(builder.equals(builder)).isTrue();
    try (Connection c = builder.build(); Statement s = c.createStatement()) {
      assertThat(c.isWrapperFor(JdbcConnection.class)).isTrue();
      s.executeQuery("SELECT name FROM people").close();
    }
    assertThat(exporter.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("SELECT people");
  }

  /**
   * H2 seen as {@code type}, but for the method named {@code failing}, which throws {@code error}, the very
   * instance, wherever it is called: H2 itself wraps whatever a user function throws, so no H2 call can
   * throw an instance the test knows. Connections and statements it returns fail the same way; it hands out
   * a simple JDBC 4.3 connection builder, which H2 lacks.
   */
  private static <T> T failingIn(Class<T> type, Object h2, String failing, Throwable error) {
    return type.cast(Proxy.newProxyInstance(TracedProxiesTest.class.getClassLoader(), new Class<?>[] {type},
        (self, method, args) -> {
          if (method.getName().equals(failing)) {
            throw error;
          }
          if (method.getName().equals("createConnectionBuilder")) {
            return builder((DataSource) self);
          }
          Object result;
          try {
            result = method.invoke(h2, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          Class<?> returned = method.getReturnType();
          boolean jdbc = returned == Connection.class || Statement.class.isAssignableFrom(returned);
          return result != null && jdbc ? failingIn(returned, result, failing, error) : result;
        }));
  }

  private static ConnectionBuilder builder(DataSource dataSource) {
    return new ConnectionBuilder() {
      private String user = "";
      private String password = "";

      @Override
      public ConnectionBuilder user(String username) {
        user = username;
        return this;
      }

      @Override
      public ConnectionBuilder password(String password) {
        this.password = password;
        return this;
      }

      @Override
      public ConnectionBuilder shardingKey(ShardingKey shardingKey) {
        return this;
      }

      @Override
      public ConnectionBuilder superShardingKey(ShardingKey superShardingKey) {
        return this;
      }

      @Override
      public Connection build() throws SQLException {
        return dataSource.getConnection(user, password);
      }
    };
  }
}
