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
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
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
   * The "drafts" unit, first used by this request. Not on Open Liberty: Liberty creates a unit's factory on
   * first use, after the library has looked for the application's units at the end of start-up, so such a
   * unit is not traced there (docs/jdbc.md, notes of the JPA section).
   */
  @Test
  @DisabledIfSystemProperty(named = "arquillian.launch", matches = "liberty",
      disabledReason = "known gap: a unit that nothing uses during start-up is not traced on Open Liberty")
  void unitFirstUsedByRequestIsTracedToo() throws Exception {
    assertStatementUnderEjbMethod("/note?unit=drafts", "DraftStore.text", "drafts");
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
