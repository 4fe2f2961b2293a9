package io.github.mackereltracing.example.arquillian;

import static io.github.mackereltracing.example.arquillian.Spans.await;
import static io.github.mackereltracing.example.arquillian.Spans.childOf;
import static io.github.mackereltracing.example.arquillian.Spans.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.example.arquillian.apps.hello.HelloServlet;
import io.github.mackereltracing.example.servers.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An EAR with two WARs and the library once, in the EAR's lib/ with its configuration (issue 17, item 5), on
 * WildFly. What a deployment is there, as the code decides it (docs/servers.md, "EAR"): the web side of each
 * WAR (its SERVER spans) is a deployment of its own, named after its context root; the CDI side (spans of
 * {@code @Traced} beans, in either WAR) belongs to the EAR, named after the EAR. Both in the request's trace.
 */
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly")
@ExtendWith(OnSelectedServer.class)
@ExtendWith(ArquillianExtension.class)
class EarIT {
  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return ShrinkWrap.create(EnterpriseArchive.class, "pair.ear")
        .addAsLibraries(MicroDeployments.libraries())
        .addAsLibrary(MicroDeployments.configJar())
        .addAsModule(MicroDeployments.moduleWar("left").addPackage(HelloServlet.class.getPackage()))
        .addAsModule(MicroDeployments.moduleWar("right").addPackage(HelloServlet.class.getPackage()));
  }

  @ArquillianResource
  URL url;

  @Test
  void webSideIsPerWarAndCdiSideIsTheEars() throws Exception {
    assertThat(Spans.get(new URL(url, "/left"), "/hello")).isEqualTo("hello from /left");
    assertThat(Spans.get(new URL(url, "/right"), "/hello")).isEqualTo("hello from /right");

    ReceivedSpan fromLeft = await(server("/left/hello"));
    ReceivedSpan fromRight = await(server("/right/hello"));
    assertThat(fromLeft.resourceAttribute("service.name")).isEqualTo("left");
    assertThat(fromRight.resourceAttribute("service.name")).isEqualTo("right");

    ReceivedSpan leftBean = await(childOf(fromLeft, SpanKind.SPAN_KIND_INTERNAL));
    ReceivedSpan rightBean = await(childOf(fromRight, SpanKind.SPAN_KIND_INTERNAL));
    assertThat(leftBean.name()).isEqualTo(rightBean.name()).isEqualTo("Greeting.text");
    assertThat(leftBean.resourceAttribute("service.name")).isEqualTo("pair");
    assertThat(rightBean.resourceAttribute("service.name")).isEqualTo("pair");
  }
}
