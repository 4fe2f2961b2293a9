package io.github.mackereltracing.example.arquillian;

import static io.github.mackereltracing.example.arquillian.Spans.await;
import static io.github.mackereltracing.example.arquillian.Spans.childOf;
import static io.github.mackereltracing.example.arquillian.Spans.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.example.arquillian.apps.jpa.NoteServlet;
import io.github.mackereltracing.example.servers.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.File;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * JPA (issue 17, item 1): a {@code @Traced} stateless EJB queries a container-managed JTA persistence unit over a
 * {@code @DataSourceDefinition} H2 DataSource (two units: one that the application reads while it starts, one
 * that a request uses first). The SQL that the server's provider runs (Hibernate on WildFly,
 * EclipseLink on Payara and Open Liberty) is a CLIENT span under the EJB method's span, with no configuration.
 */
@ExtendWith(OnSelectedServer.class)
@ExtendWith(ArquillianExtension.class)
class JpaIT {
  @Deployment(testable = false)
  static WebArchive deployment() {
    return MicroDeployments.war("jpa")
        .addPackage(NoteServlet.class.getPackage())
        .addAsResource(new File("src/test/arquillian/apps/notes-persistence.xml"), "META-INF/persistence.xml");
  }

  @ArquillianResource
  URL url;

  /** The "notes" unit, which the application also reads while it starts. */
  @Test
  void providersStatementIsClientSpanUnderTheEjbMethod() throws Exception {
    assertStatementUnderEjbMethod("/note", "NoteStore.text", "notes");
  }

  /**
   * The "drafts" unit, first used by a request. Open Liberty creates a unit's factory on first use, after the
   * library's look at the end of start-up: the library looks again after requests (at most once a second), so
   * the statements of the request that creates the unit are not traced there, and those of the requests after
   * the look are (docs/jdbc.md, notes of the JPA section). WildFly and Payara trace all three.
   */
  @Test
  void unitFirstUsedByRequestIsTracedFromTheNextRequests() throws Exception {
    assertThat(Spans.get(url, "/note?unit=drafts&request=1")).isEqualTo("none");
    Thread.sleep(1_100); // a look made after an earlier test's request is not repeated within a second
    assertThat(Spans.get(url, "/note?unit=drafts&request=2")).isEqualTo("none");
    assertStatementUnderEjbMethod("/note?unit=drafts&request=3", "DraftStore.text", "drafts");
  }

  private void assertStatementUnderEjbMethod(String path, String method, String table) throws Exception {
    assertThat(Spans.get(url, path)).isEqualTo("none");

    String query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : null;
    ReceivedSpan request = await(s -> server("/jpa/note").test(s) && java.util.Objects.equals(query, s.attribute("url.query")));
    ReceivedSpan ejb = await(childOf(request, SpanKind.SPAN_KIND_INTERNAL));
    assertThat(ejb.name()).isEqualTo(method);
    ReceivedSpan select = await(childOf(ejb, SpanKind.SPAN_KIND_CLIENT));
    assertThat(select.name()).isEqualToIgnoringCase("SELECT " + table);
    assertThat(select.attribute("db.system.name")).isEqualTo("h2database");
    assertThat(select.attribute("db.query.text")).containsIgnoringCase("from " + table).contains("?");
    assertThat(select.traceId()).isEqualTo(request.traceId());
  }
}
