package io.github.mackereltracing.example.servers;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.example.arquillian.MicroDeployments;
import io.github.mackereltracing.example.arquillian.OnSelectedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example scenario (every test of {@link ExampleWarScenario}, unchanged) on a server that its own managed
 * Arquillian adapter starts (src/test/resources/arquillian.xml), once per failsafe execution for this class and
 * the micro-deployments of the arquillian package. The real WARs that Maven built are imported with ShrinkWrap
 * and deployed by the adapter: example.war ({@code @Deployment}), and flush-check.war, which the tests deploy
 * and undeploy themselves through Arquillian's {@link Deployer}: its undeployment must flush what its
 * exporter still holds.
 *
 * <p>Configuration: the WAR's own {@code META-INF/microprofile-config.properties}, with the lines a user would
 * otherwise give as environment variables (the key, the receiver's endpoint, the export delay, the host id
 * file) added by ShrinkWrap, since the adapters start the server before any test code runs. The hand-started
 * configurations (WildFlyMicroprofileIT, PayaraMicro7IT, ...) keep the environment variables alone.
 */
@ExtendWith(OnSelectedServer.class)
@ExtendWith(ArquillianExtension.class)
abstract class ArquillianScenario extends ExampleWarScenario {
  static final String EXAMPLE = "example";
  static final String FLUSH_CHECK = "flush-check";
  /** The adapters' server state (example-war/pom.xml prepares it). */
  static final Path ARQUILLIAN_DIR = Paths.get(System.getProperty("arquillian.dir", "target/arquillian"));

  /** Where the server log began for this class: the micro-deployments before it wrote to the same log. */
  private static long logStart;

  @ArquillianResource
  Deployer deployer;

  @ArquillianResource
  @OperateOnDeployment(EXAMPLE)
  URL exampleUrl;

  private boolean flushCheckDeployed;

  /** The log file the server writes, where the adapter leaves it. */
  abstract Path logFile();

  /**
   * The real example WAR as Maven built it ({@code messaging}: example-messaging.war), named example.war, its
   * configuration file with the test's lines; where the log stands now is where {@link #serverLog} begins.
   */
  static WebArchive exampleWar(String configuration, boolean messaging, Path log) {
    logStart = log == null ? 0 : sizeOf(log);
    Path built = messaging
        ? Paths.get(System.getProperty("example.messaging.war", "target/example-messaging.war"))
        : Wars.example();
    WebArchive war = importWar(built, EXAMPLE);
    return configure(war, read(war) + tracingLines(configuration, 200));
  }

  /** The real example WAR (without messaging) as {@code name}.war, configured as example.war is. */
  static WebArchive exampleWar(String name, String configuration) {
    WebArchive war = importWar(Wars.example(), name);
    return configure(war, read(war) + tracingLines(configuration, 200));
  }

  /**
   * flush-check.war: the example again, without otel.service.name (so named after its context root) and
   * exporting only every ten minutes, so that its spans reach the receiver in time only through the flush at
   * undeployment.
   */
  static WebArchive flushCheckWar(String configuration) {
    WebArchive war = importWar(Wars.example(), FLUSH_CHECK);
    String config = read(war);
    assertThat(config).contains("\notel.service.name=" + SERVICE + "\n");
    return configure(war, config.replace("\notel.service.name=" + SERVICE + "\n", "\n")
        + tracingLines(configuration, 600_000));
  }

  private static WebArchive importWar(Path file, String name) {
    return ShrinkWrap.create(ZipImporter.class, name + ".war").importFrom(file.toFile()).as(WebArchive.class);
  }

  private static String read(WebArchive war) {
    try (InputStream in = war.get(Wars.CONFIG).getAsset().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static WebArchive configure(WebArchive war, String config) {
    war.delete(Wars.CONFIG);
    return war.add(new StringAsset(config), Wars.CONFIG);
  }

  /** What the hand-started runs give as MACKEREL_* and OTEL_* variables, as lines of the WAR's file. */
  private static String tracingLines(String configuration, int exportDelayMillis) {
    Path hostIdFile = Paths.get(System.getProperty("runs.dir", "target/runs")).resolve(configuration).resolve("mackerel-agent-id");
    try {
      Files.createDirectories(hostIdFile.getParent());
      Files.writeString(hostIdFile, HOST_ID + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "\n# Added by the test (ArquillianScenario)\n"
        + "mackerel.api-key=" + API_KEY + "\n"
        + "otel.exporter.otlp.traces.endpoint=" + MicroDeployments.receiver().tracesUrl() + "\n"
        + "otel.bsp.schedule.delay=" + exportDelayMillis + "\n"
        + "mackerel.host-id-file=" + hostIdFile.toAbsolutePath() + "\n";
  }

  @Override
  final AppServer createServer(Path runDir) {
    throw new UnsupportedOperationException("the managed adapter starts the server");
  }

  @BeforeAll
  @Override
  void startServer() throws Exception {
    receiver = MicroDeployments.receiver();
    runDir = Files.createDirectories(Paths.get(System.getProperty("runs.dir", "target/runs")).resolve(configuration()));
  }

  /** flush-check.war, deployed once before the first test (the Deployer is injected per test). */
  @BeforeEach
  void deployFlushCheck() {
    if (!flushCheckDeployed) {
      deployer.deploy(FLUSH_CHECK);
      flushCheckDeployed = true;
    }
  }

  @AfterAll
  @Override
  void stopServer() throws Exception {
    // The adapter stops the server after the last class; the receiver is the JVM's, closed at its exit.
    if (runDir != null) {
      Files.write(runDir.resolve("spans.txt"), receiver.spanNames());
    }
  }

  /** On loopback: Payara Micro's adapter reports the machine's address, though its servers listen on 127.0.0.1. */
  @Override
  final String url(String path) {
    return "http://127.0.0.1:" + port(path.substring(1).split("/", 2)[0]) + path;
  }

  /** The HTTP port of the server that runs the deployment at {@code contextRoot}: one server for all by default. */
  int port(String contextRoot) {
    return exampleUrl.getPort();
  }

  @Override
  String serverLog() {
    try (InputStream in = Files.newInputStream(logFile())) {
      in.skipNBytes(logStart);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one Java process this test JVM started: the adapter's server. */
  @Override
  long serverPid() {
    List<ProcessHandle> jvms = serverJvms().toList();
    assertThat(jvms).as("the server's JVM among this JVM's processes").hasSize(1);
    return jvms.get(0).pid();
  }

  /** The Java processes this test JVM started (through the adapter). */
  static Stream<ProcessHandle> serverJvms() {
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false));
  }

  /** The undeployment (Arquillian's Deployer), which ends the deployment's tracing. */
  @Override
  void stopFlushCheck() throws Exception {
    deployer.undeploy(FLUSH_CHECK);
  }

  private static long sizeOf(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
