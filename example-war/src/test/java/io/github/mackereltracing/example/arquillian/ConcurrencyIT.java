package io.github.mackereltracing.example.arquillian;

import static io.github.mackereltracing.example.arquillian.Spans.await;
import static io.github.mackereltracing.example.arquillian.Spans.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.example.arquillian.apps.concurrency.WorkServlet;
import io.github.mackereltracing.example.servers.OtlpReceiver.ReceivedSpan;
import java.net.URL;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Jakarta Concurrency (issue 17, item 3): a task on a managed executor is a child of the submitting request; a task
 * submitted outside any span, next on the same pooled thread (the executor has one), starts a trace of its own.
 */
@ExtendWith(OnSelectedServer.class)
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrencyIT {
  @Deployment(testable = false)
  static WebArchive deployment() {
    return MicroDeployments.war("concurrency").addPackage(WorkServlet.class.getPackage());
  }

  @ArquillianResource
  URL url;

  @Test
  @Order(1)
  void taskIsChildOfTheRequest() throws Exception {
    assertThat(Spans.get(url, "/work")).isEqualTo("done");

    ReceivedSpan request = await(s -> server("/concurrency/work").test(s) && s.attribute("url.query") == null);
    ReceivedSpan task = await(s -> s.name().equals("Work.run") && s.traceId().equals(request.traceId()));
    assertThat(task.parentSpanId()).isEqualTo(request.spanId());
  }

  @Test
  @Order(2)
  void taskSubmittedOutsideAnySpanStartsFreshTrace() throws Exception {
    Set<String> before = MicroDeployments.receiver().spans().stream()
        .map(ReceivedSpan::spanId).collect(Collectors.toSet());
    assertThat(Spans.get(url, "/work?detached=true")).isEqualTo("done");

    ReceivedSpan request = await(s -> server("/concurrency/work").test(s) && !before.contains(s.spanId()));
    ReceivedSpan task = await(s -> s.name().equals("Work.run") && !before.contains(s.spanId()));
    assertThat(task.parentSpanId()).as("the task's span is a root: no context leaked from the pool").isEmpty();
    assertThat(task.traceId()).isNotEqualTo(request.traceId());
  }
}
