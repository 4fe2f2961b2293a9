package io.github.mackereltracing.example.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mackereltracing.example.servers.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Redeploys the example WAR twenty times on one running WildFly ({@code standalone.xml}), as operators do
 * when they ship a new version, and checks that the library leaves nothing behind: every cycle's spans are
 * flushed at its undeploy, and after the cycles the server JVM has as many live threads and loaded classes
 * as before them, and no more of the old deployments survives a full GC than at the baseline (there, as at
 * the end, an idle server thread may still hold the deployment undeployed last), so their class loaders were
 * collected. Figures are read from outside with {@code jcmd}; deploy and undeploy go through WildFly's
 * deployment scanner (marker files), with a short scan interval. Figures and findings: docs/servers.md,
 * "Redeploy".
 *
 * <p>The WAR is deployed as {@code redeploy.war}, whose {@code microprofile-config.properties} sets a
 * ten-minute schedule delay that wins over the environment: its spans can arrive only through the flush at
 * undeploy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WildFlyRedeployIT {
  static final String CONFIGURATION = "wildfly-redeploy";
  static final String SERVICE = "redeploy";
  static final int CYCLES = Integer.getInteger("redeploy.cycles", 20);
  static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(60);
  static final Duration SPAN_WAIT = Duration.ofSeconds(15);
  static final Duration STALL_DUMP_AFTER = Duration.ofSeconds(15);
  static final String TIMER_BEAN = "WEB-INF/classes/io/github/mackereltracing/example/timers/BookCensus.class";
  /** Threads the server may start or end on its own between two looks (the JDK's Keep-Alive-Timer and such). */
  static final long THREAD_SLACK = 3;
  /**
   * WildFly's own pools, which grow with load up to their configured sizes and shrink when idle, whatever is
   * deployed: on a busy machine they alone moved the total by more than the slack (ServerService 81 -> 13,
   * the default managed scheduled executor 1 -> 4). A thread a deployment leaves behind is of another kind.
   */
  static final List<String> SERVER_POOLS = List.of("ServerService Thread Pool", "EE-ManagedExecutorService-default",
      "EE-ManagedScheduledExecutorService-default", "default task", "default I/O");
  /** Classes the server may load on its own after the warm-up cycle: far fewer than one deployment has. */
  static final long CLASS_SLACK = 100;

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private OtlpReceiver receiver;
  private WildFly server;
  private Path runDir;
  private Path war;
  private ServerJvm jvm;

  private ServerJvm.Figures baseline;
  private ServerJvm.Figures deployed;
  private ServerJvm.Figures after;
  private Map<String, Long> baselineThreads = Map.of();
  private Map<String, Long> afterThreads = Map.of();
  private final List<String> cycleTimes = new ArrayList<>();

  @BeforeAll
  void startServerWithTheWarDeployed() throws Exception {
    assumeTrue(ExampleWarScenario.selected("wildfly"), "wildfly is not in -Dservers=" + System.getProperty("servers"));
    runDir = Paths.get(System.getProperty("runs.dir", "target/runs")).resolve(CONFIGURATION);
    ExampleWarScenario.deleteTree(runDir);
    Files.createDirectories(runDir);
    receiver = new OtlpReceiver();
    Path example = Wars.example();
    Map<String, String> changes = new java.util.HashMap<>();
    // Above the environment's ordinal (300): spans leave only when the SDK is flushed at undeploy.
    changes.put(Wars.CONFIG, Wars.read(example, Wars.CONFIG)
        + "\nconfig_ordinal=500\notel.service.name=" + SERVICE + "\notel.bsp.schedule.delay=600000\n");
    // Without the example's EJB timers: WildFly's idle "EJB default" thread keeps its last timer task in a stack
    // slot, and with it that deployment, until it runs another (seen: a second deployment retained from that
    // thread's ThreadBody.run, the server's, as the "default task" thread's at the baseline).
    changes.put(TIMER_BEAN, null);
    war = Wars.variant(example, runDir.resolve(SERVICE + ".war"), changes);
    server = new WildFly(CONFIGURATION, runDir, "standalone.xml").scanInterval(Duration.ofMillis(200));
    Map<String, String> env = Map.of(
        "MACKEREL_API_KEY", "mkr-it-" + UUID.randomUUID().toString().replace("-", ""),
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", receiver.tracesUrl());
    try {
      server.start(List.of(war), env, ExampleWarScenario.START_TIMEOUT);
    } catch (Throwable t) {
      server.stop(Duration.ofSeconds(10));
      throw t;
    }
    jvm = new ServerJvm(server.javaPid());
  }

  @AfterAll
  void stopServer() throws Exception {
    ExampleWarScenario.stopAndKeepSpans(server, null, receiver, runDir);
  }

  @Test
  @Order(1)
  void everyCyclesSpansAreFlushedAtItsUndeploy() throws Exception {
    // Cycle 0 warms the server up (its deployment code, pools, JIT): the baseline is taken after it.
    requests(0);
    undeploy();
    assertFlushed(0);
    baseline = jvm.collectAndMeasure();
    baselineThreads = jvm.threadKinds();

    for (int cycle = 1; cycle <= CYCLES; cycle++) {
      long begin = System.nanoTime();
      deploy();
      long deployedAt = System.nanoTime();
      requests(cycle);
      if (cycle == 1) {
        deployed = jvm.measureNow();
      }
      long undeployBegin = System.nanoTime();
      undeploy();
      long end = System.nanoTime();
      assertFlushed(cycle);
      cycleTimes.add(String.format("cycle %2d: deploy %5d ms, requests %4d ms, undeploy %5d ms", cycle,
          millis(deployedAt - begin), millis(undeployBegin - deployedAt), millis(end - undeployBegin)));
    }
    after = jvm.collectAndMeasure();
    afterThreads = jvm.threadKinds();
    report();
  }

  @Test
  @Order(2)
  void liveThreadsReturnToTheBaseline() {
    assumeTrue(after != null, "the cycles did not complete");
    assertThat(outsideServerPools(afterThreads)).as("live threads outside WildFly's pools after %d cycles "
            + "(baseline %d); kinds that changed: %s", CYCLES, outsideServerPools(baselineThreads), changedThreadKinds())
        .isLessThanOrEqualTo(outsideServerPools(baselineThreads) + THREAD_SLACK);
  }

  @Test
  @Order(3)
  void loadedClassesReturnToTheBaselineBecauseEveryOldDeploymentWasUnloaded() {
    assumeTrue(after != null, "the cycles did not complete");
    long perDeployment = deployed.loadedClasses() - baseline.loadedClasses();
    assertThat(perDeployment).as("classes a deployment loads").isGreaterThan(5 * CLASS_SLACK);
    // Not counted: the JDK's reflection accessors. After a Method has been called 15 times through
    // reflection, the JDK generates a class for it in a class loader of its own; the server's methods that
    // every deployment calls get theirs once the cycles have called them often enough (about 200 classes
    // here, once). They belong to the server's classes, not to a deployment.
    assertThat(withoutReflectionAccessors(after)).as("loaded classes after %d cycles, reflection accessors aside "
            + "(baseline %d)", CYCLES, withoutReflectionAccessors(baseline))
        .isLessThanOrEqualTo(withoutReflectionAccessors(baseline) + CLASS_SLACK);
    // Every old deployment's classes were unloaded, not only some. The baseline's deployment (cycle 0) and
    // cycles 1 to N-1 can go; the last one may still be held by an idle server thread (see below).
    assertThat(after.unloadedClasses() - baseline.unloadedClasses()).as("classes unloaded during the cycles")
        .isGreaterThanOrEqualTo((CYCLES - 1) * perDeployment - CLASS_SLACK);
  }

  @Test
  @Order(4)
  void noOldDeploymentIsLeftButWhatAnIdleServerThreadHeldAtTheBaseline() throws Exception {
    assumeTrue(after != null, "the cycles did not complete");
    // An idle WildFly worker thread keeps its last task (the last request, which reaches the deployment's
    // servlet context) in a stack slot until it runs another one: the deployment undeployed last may stay
    // reachable so, at the baseline (cycle 0's) as after the cycles (cycle 20's). Beyond that, nothing.
    boolean more = loaders(after) > loaders(baseline)
        || after.instancesOf("io.github.mackereltracing.") > baseline.instancesOf("io.github.mackereltracing.");
    if (more || Boolean.getBoolean("redeploy.explain")) {
      explainWhatKeepsTheDeployments();
    }
    assertThat(loaders(after)).as("module class loaders (baseline %d)", loaders(baseline))
        .isLessThanOrEqualTo(loaders(baseline));
    for (String prefix : List.of("io.github.mackereltracing.", "io.opentelemetry.", "org.h2.")) {
      assertThat(after.instancesOf(prefix)).as("live instances of %s* (%s)", prefix, after.classesOf(prefix))
          .isLessThanOrEqualTo(baseline.instancesOf(prefix));
    }
  }

  /**
   * Writes what keeps each deployment still in memory (a chain of references from a GC root, read from a
   * heap dump) to retention.txt. Only the server's idle thread may appear there (see above).
   */
  private void explainWhatKeepsTheDeployments() throws Exception {
    Path dump = runDir.resolve("heap.hprof");
    jvm.heapDump(dump);
    List<HeapPaths.Retention> kept = HeapPaths.analyse(dump, "io.github.mackereltracing.");
    List<String> lines = kept.stream().flatMap(r -> r.lines().stream()).toList();
    Files.write(runDir.resolve("retention.txt"), lines, StandardCharsets.UTF_8);
    lines.forEach(l -> System.out.println("[redeploy] " + l));
    assertThat(kept).as("deployments still reachable (%s, %s)", runDir.resolve("retention.txt"), dump)
        .hasSizeLessThanOrEqualTo(1)
        .allSatisfy(r -> assertThat(r.root()).startsWith("local variable in org.jboss.threads."));
    Files.delete(dump); // 100 MB; kept when an assertion failed, for reading with a heap analyser
  }

  // ---- One cycle -----------------------------------------------------------------------------------------

  /** Requests that make SERVER, @Traced, JDBC and CLIENT spans, each marked with the cycle. */
  private void requests(int cycle) throws Exception {
    String mark = "cycle=" + cycle;
    assertThat(get("/redeploy/api/users/2?" + mark)).satisfies(ExampleWarScenario.ok("Alan Turing"));
    assertThat(get("/redeploy/api/profiles/3?" + mark)).satisfies(ExampleWarScenario.ok("Grace Hopper"));
    assertThat(get("/redeploy/api/reports/2024?delayMs=10&" + mark)).satisfies(ExampleWarScenario.ok("Report 2024"));
    assertThat(get("/redeploy/hello?name=redeploy&" + mark)).satisfies(ExampleWarScenario.ok("Hello, redeploy!"));
    // Queued, not sent: the ten-minute delay holds them until the undeploy.
    assertThat(receiver.spans()).noneMatch(marked(cycle));
  }

  private void assertFlushed(int cycle) throws InterruptedException {
    ReceivedSpan users = await(marked(cycle).and(s -> "/redeploy/api/users/2".equals(s.attribute("url.path"))));
    assertThat(users.resourceAttribute("service.name")).isEqualTo(SERVICE);
    ReceivedSpan find = await(ExampleWarScenario.childOf(users, SpanKind.SPAN_KIND_INTERNAL));
    assertThat(find.name()).isEqualTo("UserService.find");
    ReceivedSpan select = await(ExampleWarScenario.childOf(find, SpanKind.SPAN_KIND_CLIENT));
    assertThat(select.name()).isEqualTo("SELECT users");

    ReceivedSpan profiles = await(marked(cycle).and(s -> "/redeploy/api/profiles/3".equals(s.attribute("url.path"))));
    ReceivedSpan call = await(ExampleWarScenario.childOf(profiles, SpanKind.SPAN_KIND_CLIENT));
    await(ExampleWarScenario.childOf(call, SpanKind.SPAN_KIND_SERVER));
    await(marked(cycle).and(s -> "/redeploy/api/reports/2024".equals(s.attribute("url.path"))));
    await(marked(cycle).and(s -> "/redeploy/hello".equals(s.attribute("url.path"))));
  }

  /** SERVER spans of requests whose query has {@code cycle=N}. */
  private static Predicate<ReceivedSpan> marked(int cycle) {
    String mark = "cycle=" + cycle;
    return s -> s.kind() == SpanKind.SPAN_KIND_SERVER && s.attribute("url.query") != null
        && Arrays.asList(s.attribute("url.query").split("&")).contains(mark);
  }

  /** Asks the scanner to deploy the WAR again and waits until it answers. */
  private void deploy() throws Exception {
    Files.deleteIfExists(marker(".undeployed"));
    Files.createFile(marker(".dodeploy"));
    awaitMarker(".deployed");
    long deadline = System.nanoTime() + DEPLOY_TIMEOUT.toNanos();
    while (get("/redeploy/").statusCode() != 200) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("redeploy.war does not answer after its deployment:\n" + server.tail());
      }
      Thread.sleep(50);
    }
  }

  /** Asks the scanner to undeploy the WAR (removing its .deployed marker) and waits until it has. */
  private void undeploy() throws Exception {
    Files.delete(marker(".deployed"));
    awaitMarker(".undeployed");
  }

  private void awaitMarker(String suffix) throws Exception {
    long deadline = System.nanoTime() + DEPLOY_TIMEOUT.toNanos();
    long dumpAt = System.nanoTime() + STALL_DUMP_AFTER.toNanos();
    int dumps = 0;
    while (!Files.exists(marker(suffix))) {
      if (System.nanoTime() > dumpAt && dumps < 3) {
        // A deployment taking this long has stalled (they take about a second): keep what every thread waits on.
        dumps++;
        Path dump = runDir.resolve("stall-" + suffix.substring(1) + "-" + System.currentTimeMillis() + ".txt");
        jvm.threadDump(dump);
        System.out.println("[redeploy] no " + suffix + " marker after " + STALL_DUMP_AFTER + ": threads in " + dump);
        dumpAt = System.nanoTime() + STALL_DUMP_AFTER.toNanos();
      }
      if (Files.exists(marker(".failed"))) {
        throw new AssertionError("deployment failed: " + Files.readString(marker(".failed")) + "\n" + server.tail());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + suffix + " marker within " + DEPLOY_TIMEOUT + ":\n" + server.tail());
      }
      Thread.sleep(20);
    }
  }

  private Path marker(String suffix) {
    return server.deployments().resolve(war.getFileName() + suffix);
  }

  // ---- Figures -------------------------------------------------------------------------------------------

  private void report() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("WildFly standalone.xml, %d redeploy cycles of example.war (pid %d)", CYCLES, server.javaPid()));
    lines.add(String.format("                 live threads  loaded classes  unloaded classes  ModuleClassLoader"));
    lines.add(row("baseline", baseline));
    lines.add(row("1 deployed", deployed));
    lines.add(row("after", after));
    lines.add("loaded classes without reflection accessors: baseline " + withoutReflectionAccessors(baseline)
        + ", after " + withoutReflectionAccessors(after));
    lines.add("classes per deployment: " + (deployed.loadedClasses() - baseline.loadedClasses())
        + ", threads per deployment: " + (deployed.liveThreads() - baseline.liveThreads())
        + ", unloaded during the cycles: " + (after.unloadedClasses() - baseline.unloadedClasses()));
    lines.add("live instances at the baseline: io.github.mackereltracing.* " + baseline.instancesOf("io.github.mackereltracing.")
        + ", io.opentelemetry.* " + baseline.instancesOf("io.opentelemetry.") + ", org.h2.* " + baseline.instancesOf("org.h2."));
    lines.add("live instances after: io.github.mackereltracing.* " + after.instancesOf("io.github.mackereltracing.")
        + ", io.opentelemetry.* " + after.instancesOf("io.opentelemetry.") + ", org.h2.* " + after.instancesOf("org.h2."));
    lines.add("classes by class loader type, after minus baseline (differences of 5 or more):");
    java.util.Set<String> types = new java.util.TreeSet<>(baseline.classesByLoaderType().keySet());
    types.addAll(after.classesByLoaderType().keySet());
    for (String type : types) {
      long difference = after.classesByLoaderType().getOrDefault(type, 0L) - baseline.classesByLoaderType().getOrDefault(type, 0L);
      if (Math.abs(difference) >= 5) {
        lines.add(String.format("  %+6d %s", difference, type));
      }
    }
    lines.add("thread kinds that changed: " + changedThreadKinds());
    lines.addAll(cycleTimes);
    lines.forEach(l -> System.out.println("[redeploy] " + l));
    Files.write(runDir.resolve("figures.txt"), lines, StandardCharsets.UTF_8);
  }

  private static long outsideServerPools(Map<String, Long> kinds) {
    return kinds.entrySet().stream().filter(k -> SERVER_POOLS.stream().noneMatch(k.getKey()::startsWith))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** Thread kinds whose count differs between the baseline and after the cycles, as "kind: before -> after". */
  private List<String> changedThreadKinds() {
    java.util.Set<String> kinds = new java.util.TreeSet<>(baselineThreads.keySet());
    kinds.addAll(afterThreads.keySet());
    List<String> changed = new ArrayList<>();
    for (String kind : kinds) {
      long before = baselineThreads.getOrDefault(kind, 0L);
      long now = afterThreads.getOrDefault(kind, 0L);
      if (before != now) {
        changed.add(kind + ": " + before + " -> " + now);
      }
    }
    return changed;
  }

  private static String row(String label, ServerJvm.Figures f) {
    return String.format("%-16s %12d  %14d  %16d  %17s", label, f.liveThreads(), f.loadedClasses(),
        f.unloadedClasses(), f.instances().isEmpty() ? "-" : Long.toString(loaders(f)));
  }

  private static long withoutReflectionAccessors(ServerJvm.Figures f) {
    return f.loadedClasses() - f.classesByLoaderType().getOrDefault("jdk.internal.reflect.DelegatingClassLoader", 0L);
  }

  /** Module class loaders: one per module of the server, and one per deployment. */
  private static long loaders(ServerJvm.Figures f) {
    return f.instances().getOrDefault("org.jboss.modules.ModuleClassLoader", 0L);
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  private ReceivedSpan await(Predicate<ReceivedSpan> matching) throws InterruptedException {
    return receiver.awaitSpan(matching, SPAN_WAIT);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return ExampleWarScenario.get(http, server, path);
  }
}
