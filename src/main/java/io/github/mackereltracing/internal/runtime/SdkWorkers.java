package io.github.mackereltracing.internal.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The SDK's batch workers. After a shutdown has flushed them they still sleep out their schedule delay
 * (5 s by default) before they notice; an undeploy must not leave them, and the deployment's class loader
 * they hold, behind. Interrupting the wait is how they are designed to stop early.
 */
final class SdkWorkers {
  private static final String[] NAMES = {
    "BatchSpanProcessor_WorkerThread", "BatchLogRecordProcessor_WorkerThread", "PeriodicMetricReader"
  };

  private SdkWorkers() {}

  /** The SDK worker threads that appeared since {@code before}. */
  static List<Thread> startedSince(Set<Thread> before) {
    List<Thread> workers = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (!before.contains(thread) && isWorker(thread)) {
        workers.add(thread);
      }
    }
    return List.copyOf(workers);
  }

  /** Wakes workers whose SDK has been shut down, so that they exit now. */
  static void stop(List<Thread> workers) {
    for (Thread worker : workers) {
      worker.interrupt();
    }
  }

  private static boolean isWorker(Thread thread) {
    for (String name : NAMES) {
      if (thread.getName().startsWith(name)) {
        return true;
      }
    }
    return false;
  }
}
