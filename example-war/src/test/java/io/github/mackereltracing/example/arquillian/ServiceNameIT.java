package io.github.mackereltracing.example.arquillian;

import static io.github.mackereltracing.example.arquillian.Spans.await;
import static io.github.mackereltracing.example.arquillian.Spans.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.example.arquillian.apps.hello.HelloServlet;
import io.github.mackereltracing.example.servers.OtlpReceiver.ReceivedSpan;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * service.name per deployment (issue 17, item 5): two WARs with no otel.service.name are two services, each named
 * after its context root, never a server-wide default such as Payara's {@code jakarta-application}. (On Payara
 * Micro the adapter runs each deployment in a Payara Micro of its own.)
 */
@ExtendWith(OnSelectedServer.class)
@ExtendWith(ArquillianExtension.class)
class ServiceNameIT {
  @Deployment(name = "alpha", testable = false)
  static WebArchive alpha() {
    return MicroDeployments.war("alpha").addPackage(HelloServlet.class.getPackage());
  }

  @Deployment(name = "beta", testable = false)
  static WebArchive beta() {
    return MicroDeployments.war("beta").addPackage(HelloServlet.class.getPackage());
  }

  @ArquillianResource
  @OperateOnDeployment("alpha")
  URL alpha;

  @ArquillianResource
  @OperateOnDeployment("beta")
  URL beta;

  @Test
  void eachDeploymentIsServiceNamedAfterItsContextRoot() throws Exception {
    assertThat(Spans.get(alpha, "/hello")).isEqualTo("hello from /alpha");
    assertThat(Spans.get(beta, "/hello")).isEqualTo("hello from /beta");

    ReceivedSpan fromAlpha = await(server("/alpha/hello"));
    ReceivedSpan fromBeta = await(server("/beta/hello"));
    assertThat(fromAlpha.resourceAttribute("service.name")).isEqualTo("alpha");
    assertThat(fromBeta.resourceAttribute("service.name")).isEqualTo("beta");
  }
}
