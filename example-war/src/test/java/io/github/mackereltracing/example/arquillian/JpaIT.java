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
 * {@code @DataSourceDefinition} H2 DataSource. The SQL that the server's provider runs (Hibernate on WildFly,
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

  @Test
  void providersStatementIsClientSpanUnderTheEjbMethod() throws Exception {
    assertThat(Spans.get(url, "/note")).isEqualTo("none");

    ReceivedSpan request = await(server("/jpa/note"));
    ReceivedSpan ejb = await(childOf(request, SpanKind.SPAN_KIND_INTERNAL));
    assertThat(ejb.name()).isEqualTo("NoteStore.text");
    ReceivedSpan select = await(childOf(ejb, SpanKind.SPAN_KIND_CLIENT));
    assertThat(select.name()).isEqualToIgnoringCase("SELECT notes");
    assertThat(select.attribute("db.system.name")).isEqualTo("h2database");
    assertThat(select.attribute("db.query.text")).containsIgnoringCase("from notes").contains("?");
    assertThat(select.traceId()).isEqualTo(request.traceId());
  }
}
