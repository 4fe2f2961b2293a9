package io.github.mackereltracing.internal.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.testing.MemorySpanExporterProvider;
import io.github.mackereltracing.testing.TestDeployment;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Periodic runs of a managed scheduled executor that carries the scheduler's context (as WildFly's and
 * Payara's do): each run is a root span linked to the request, not a child of it; one-shot tasks stay in the
 * request's trace; the setting off leaves no span and no request context in the run.
 */
class ScheduledRunsTest {
  private final ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);

  @BeforeEach
  void reset() {
    MemorySpanExporterProvider.SPANS.reset();
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static Map<String, String> settings(String timerSpans) {
    return Map.of(
        "otel.sdk.disabled", "false",
        "otel.traces.exporter", MemorySpanExporterProvider.NAME,
        "otel.metrics.exporter", "none",
        "otel.logs.exporter", "none",
        "otel.bsp.schedule.delay", "50",
        "mackerel.host-id-file", "/nonexistent/mackerel-id",
        "mackerel.timer-spans", timerSpans);
  }

  /** A job that makes a child span of whatever is current, twice, then is cancelled. */
  private static final class Job implements Runnable {
    private final Tracer tracer;
    private final CountDownLatch runs = new CountDownLatch(2);
    final AtomicReference<String> parentSeen = new AtomicReference<>();

    Job(Tracer tracer) {
      this.tracer = tracer;
    }

    @Override
    public void run() {
      parentSeen.set(Span.current().getSpanContext().getSpanId());
      tracer.spanBuilder("SELECT books").setSpanKind(SpanKind.CLIENT).startSpan().end();
      runs.countDown();
    }
  }

  private List<SpanData> runTwiceFromARequest(TestDeployment deployment, Job[] job, String[] requestIds)
      throws Exception {
    return deployment.call(() -> {
      DeploymentTracing tracing = deployment.tracing();
      tracing.startNow();
      Tracer tracer = tracing.telemetry().tracer();
      ManagedScheduledExecutorService executor =
          TracingScheduledExecutor.wrap(ServerScheduledExecutor.create(pool), tracing);
      job[0] = new Job(tracer);
      Span request = tracer.spanBuilder("GET /schedule").setSpanKind(SpanKind.SERVER).startSpan();
      ScheduledFuture<?> future;
      try (Scope ignored = request.makeCurrent()) {
        future = executor.scheduleAtFixedRate(job[0], 0, 20, TimeUnit.MILLISECONDS);
      } finally {
        request.end();
      }
      requestIds[0] = request.getSpanContext().getTraceId();
      requestIds[1] = request.getSpanContext().getSpanId();
      assertThat(job[0].runs.await(10, TimeUnit.SECONDS)).isTrue();
      future.cancel(false);
      Thread.sleep(100); // a run in progress finishes
      ((OpenTelemetrySdk) tracing.openTelemetry()).getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
      return MemorySpanExporterProvider.SPANS.getFinishedSpanItems();
    });
  }

  @Test
  void eachPeriodicRunIsARootSpanLinkedToTheRequestWithItsWorkBelow() throws Exception {
    try (TestDeployment deployment = TestDeployment.create("periodic-on", settings("true"))) {
      Job[] job = new Job[1];
      String[] request = new String[2];
      List<SpanData> spans = runTwiceFromARequest(deployment, job, request);

      List<SpanData> runs = spans.stream().filter(s -> s.getName().equals("Job.run")).toList();
      assertThat(runs).hasSizeGreaterThanOrEqualTo(2).allSatisfy(run -> {
        assertThat(run.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(run.getParentSpanContext().isValid()).as("a root span").isFalse();
        assertThat(run.getTraceId()).isNotEqualTo(request[0]);
        assertThat(run.getLinks()).singleElement()
            .satisfies(link -> assertThat(link.getSpanContext().getSpanId()).isEqualTo(request[1]));
        assertThat(run.getAttributes().asMap().toString()).contains(Job.class.getName() + ".run");
        assertThat(spans).filteredOn(s -> s.getName().equals("SELECT books")
            && s.getParentSpanId().equals(run.getSpanId())).hasSize(1);
      });
      assertThat(runs.stream().map(SpanData::getTraceId).distinct()).as("a trace per run").hasSameSizeAs(runs);
    }
  }

  @Test
  void offMakesNoSpanAndTheRunIsNoLongerInTheRequestsTrace() throws Exception {
    try (TestDeployment deployment = TestDeployment.create("periodic-off", settings("false"))) {
      Job[] job = new Job[1];
      String[] request = new String[2];
      List<SpanData> spans = runTwiceFromARequest(deployment, job, request);

      assertThat(spans).extracting(SpanData::getName).doesNotContain("Job.run");
      assertThat(spans).filteredOn(s -> s.getName().equals("SELECT books"))
          .allSatisfy(s -> assertThat(s.getParentSpanContext().isValid()).isFalse());
      assertThat(job[0].parentSeen.get()).isEqualTo(Span.getInvalid().getSpanContext().getSpanId());
    }
  }

  @Test
  void aOneShotTaskStaysInTheRequestsTrace() throws Exception {
    try (TestDeployment deployment = TestDeployment.create("one-shot", settings("true"))) {
      String seen = deployment.call(() -> {
        DeploymentTracing tracing = deployment.tracing();
        tracing.startNow();
        ManagedScheduledExecutorService executor =
            TracingScheduledExecutor.wrap(ServerScheduledExecutor.create(pool), tracing);
        Span request = tracing.telemetry().tracer().spanBuilder("GET /later").startSpan();
        try (Scope ignored = request.makeCurrent()) {
          return executor.schedule(() -> Span.current().getSpanContext().getSpanId(), 1, TimeUnit.MILLISECONDS)
              .get(10, TimeUnit.SECONDS) + "/" + request.getSpanContext().getSpanId();
        } finally {
          request.end();
        }
      });
      String[] ids = seen.split("/");
      assertThat(ids[0]).isEqualTo(ids[1]);
    }
  }

  @Test
  void lambdasAreNamedAfterTheClassThatWroteThem() {
    Runnable lambda = () -> {};
    assertThat(ScheduledRuns.simpleName(lambda.getClass())).isEqualTo("ScheduledRunsTest");
    assertThat(ScheduledRuns.simpleName(Job.class)).isEqualTo("Job");
    assertThat(ScheduledRuns.simpleName(new Runnable() {
      @Override
      public void run() {}
    }.getClass())).isEqualTo("ScheduledRunsTest$1");
  }
}
