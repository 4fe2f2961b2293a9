package io.github.mackereltracing.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.MackerelTracing;
import io.github.mackereltracing.testing.OtlpReceiver;
import io.github.mackereltracing.testing.TestDeployment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A deployment's tracing, exporting to a real receiver, runs on one thread of its own. */
class OneThreadPerDeploymentTest {
  /**
   * Started by the JDK once per JVM, not any deployment's: the timer of the HTTP connections kept alive;
   * the scheduler of {@code CompletableFuture} timeouts, which ends exports at their deadline; the common
   * pool's worker, from which that scheduler is started so that it inherits no deployment.
   */
  static boolean isJvmWide(String threadName) {
    return threadName.equals("Keep-Alive-Timer") || threadName.equals("CompletableFutureDelayScheduler")
        || threadName.startsWith("ForkJoinPool.commonPool-worker-");
  }

  @Test
  void threeDeploymentsExportingAddThreeThreads() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      Set<Thread> before = Thread.getAllStackTraces().keySet();
      try (TestDeployment a = deploy("a", receiver);
          TestDeployment b = deploy("b", receiver);
          TestDeployment c = deploy("c", receiver)) {
        for (TestDeployment app : List.of(a, b, c)) {
          app.call(() -> {
            for (int i = 0; i < 1000; i++) {
              MackerelTracing.openTelemetry().getTracer("t").spanBuilder("span").startSpan().end();
            }
            return null;
          });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (receiver.spans().size() < 3000 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat(receiver.spans()).hasSize(3000);

        List<String> all = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t) && t.isAlive())
            .map(Thread::getName)
            .filter(name -> !name.equals(OtlpReceiver.RECEIVER_THREAD))
            .sorted()
            .toList();
        System.out.println("threads added by three deployments exporting: " + all);
        List<String> added = all.stream().filter(name -> !isJvmWide(name)).toList();
        assertThat(added).hasSize(3).allSatisfy(name -> assertThat(name).startsWith("BatchSpanProcessor_WorkerThread"));
      }
    }
  }

  static TestDeployment deploy(String name, OtlpReceiver receiver) throws Exception {
    return TestDeployment.create(name, Map.of(
        "mackerel.api-key", "mkr-threads-0123456789",
        "otel.exporter.otlp.traces.endpoint", receiver.tracesUrl(),
        "otel.bsp.schedule.delay", "20",
        "mackerel.host-id-file", "/nonexistent/mackerel-id"));
  }
}
