package io.github.mackereltracing.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The deadline's timer: it fires, it can be cancelled, and it leaves no class loader behind. The last is
 * measured in a JVM of its own, since the JDK's scheduler thread is started once per JVM and this one's may
 * already run: a copy of the library's classes is loaded in a class loader of its own (a deployment), sets
 * a timer, and is let go; the loader must be collected.
 */
class ExportWatchdogTest {
  @Test
  void firesAtTheDeadlineOnTheJdksSchedulerUnlessCancelled() throws Exception {
    CountDownLatch fired = new CountDownLatch(1);
    CompletableFuture<String> thread = new CompletableFuture<>();
    ExportWatchdog.after(TimeUnit.MILLISECONDS.toNanos(50), () -> {
      thread.complete(Thread.currentThread().getName());
      fired.countDown();
    });
    AtomicBoolean cancelledFired = new AtomicBoolean();
    ExportWatchdog.after(TimeUnit.MILLISECONDS.toNanos(50), () -> cancelledFired.set(true)).cancel();

    assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(thread.get()).isEqualTo("CompletableFutureDelayScheduler");
    Thread.sleep(200);
    assertThat(cancelledFired).isFalse();
  }

  @Test
  void aDeploymentThatSetATimerIsCollected() throws Exception {
    assertThat(probe("watchdog")).isEqualTo("collected");
  }

  /** The hazard the watchdog avoids, shown by the same probe: scheduling directly pins the first loader. */
  @Test
  void schedulingStraightFromADeploymentWouldPinIt() throws Exception {
    assertThat(probe("direct")).isEqualTo("pinned");
  }

  private static String probe(String how) throws Exception {
    String classPath = System.getProperty("java.class.path");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, Probe.class.getName(), how, Path.of("target", "classes").toAbsolutePath().toString(),
        Path.of("target", "test-classes").toAbsolutePath().toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes()).strip();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> lines = output.lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  /** Runs in a fresh JVM: prints "collected" or "pinned". */
  public static final class Probe {
    public static void main(String[] args) throws Exception {
      WeakReference<ClassLoader> deployment = deploy(args[0],
          new URL[] {new File(args[1]).toURI().toURL(), new File(args[2]).toURI().toURL()});
      for (int i = 0; i < 20 && deployment.get() != null; i++) {
        System.gc();
        Thread.sleep(50);
      }
      System.out.println(deployment.get() == null ? "collected" : "pinned");
    }

    private static WeakReference<ClassLoader> deploy(String how, URL[] classes) throws Exception {
      // The library's classes (and the test's DirectSchedule), loaded again by a loader of their own, as in a
      // WAR; JDK classes from the JDK.
      URLClassLoader loader = new URLClassLoader(classes, ClassLoader.getPlatformClassLoader());
      Thread.currentThread().setContextClassLoader(loader);
      Runnable nothing = () -> { };
      if (how.equals("watchdog")) {
        Method after = loader.loadClass(ExportWatchdog.class.getName())
            .getDeclaredMethod("after", long.class, Runnable.class);
        after.setAccessible(true);
        Object timer = after.invoke(null, TimeUnit.MILLISECONDS.toNanos(10), nothing);
        Method cancel = loader.loadClass(ExportWatchdog.Timer.class.getName()).getDeclaredMethod("cancel");
        cancel.setAccessible(true);
        cancel.invoke(timer);
      } else {
        ((Runnable) loader.loadClass(DirectSchedule.class.getName()).getDeclaredConstructor().newInstance()).run();
      }
      Thread.sleep(100);
      Thread.currentThread().setContextClassLoader(Probe.class.getClassLoader());
      return new WeakReference<>(loader);
    }
  }
}
