package io.github.mackereltracing.example.arquillian;

import static io.github.mackereltracing.example.arquillian.Spans.await;
import static io.github.mackereltracing.example.arquillian.Spans.childOf;
import static io.github.mackereltracing.example.arquillian.Spans.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.example.arquillian.apps.resource.CounterServlet;
import io.github.mackereltracing.example.servers.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code @Resource} DataSources (issue 17, item 2): a servlet's {@code @Resource(lookup = ...)} field, injected by
 * the container, gives CLIENT spans under the request's SERVER span without any wrapping by the application.
 */
@ExtendWith(OnSelectedServer.class)
@ExtendWith(ArquillianExtension.class)
class ResourceDataSourceIT {
  @Deployment(testable = false)
  static WebArchive deployment() {
    return MicroDeployments.war("resource").addPackage(CounterServlet.class.getPackage());
  }

  @ArquillianResource
  URL url;

  @Test
  void resourceFieldStatementsAreClientSpansOfTheRequest() throws Exception {
    assertThat(Spans.get(url, "/count")).isEqualTo("0");

    ReceivedSpan request = await(server("/resource/count"));
    ReceivedSpan select = await(s -> childOf(request, SpanKind.SPAN_KIND_CLIENT).test(s)
        && s.name().startsWith("SELECT"));
    assertThat(select.name()).isEqualTo("SELECT counters");
    assertThat(select.attribute("db.query.text")).isEqualTo("SELECT COUNT(*) FROM counters");
  }
}
