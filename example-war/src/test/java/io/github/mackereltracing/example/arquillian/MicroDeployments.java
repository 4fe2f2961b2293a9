package io.github.mackereltracing.example.arquillian;

import io.github.mackereltracing.example.servers.OtlpReceiver;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The parts every micro-deployment shares: the library with its dependencies (the jars of the example WAR's
 * WEB-INF/lib, as Maven packed them), the example's descriptors (Payara: the WAR's libraries first; WildFly:
 * harmless), and a configuration that sends spans every 100 ms to the one OTLP receiver of this test JVM.
 * No otel.service.name: the service name is the deployment's own (see ServiceNameIT).
 */
public final class MicroDeployments {
  private static final Path LIB = Paths.get(System.getProperty("example.lib.dir", "target/example/WEB-INF/lib"));
  private static final Path WEBAPP = Paths.get("src/main/webapp/WEB-INF");
  private static final String API_KEY = "mkr-arquillian-" + UUID.randomUUID().toString().replace("-", "");
  private static OtlpReceiver receiver;

  private MicroDeployments() {}

  /**
   * The loopback OTLP receiver that every deployment of this JVM exports to (the example scenario's too, see
   * servers/ArquillianScenario), started on first use.
   */
  public static synchronized OtlpReceiver receiver() {
    if (receiver == null) {
      try {
        receiver = new OtlpReceiver();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(receiver::close));
    }
    return receiver;
  }

  /** A WAR named {@code name}.war (context root /{@code name}) with the traced library in WEB-INF/lib. */
  static WebArchive war(String name) {
    return moduleWar(name)
        .addAsLibraries(libraries())
        .addAsWebInfResource(WEBAPP.resolve("glassfish-web.xml").toFile(), "glassfish-web.xml")
        .addAsWebInfResource(WEBAPP.resolve("jboss-deployment-structure.xml").toFile(), "jboss-deployment-structure.xml")
        .addAsResource(new StringAsset(tracingConfig()), "META-INF/microprofile-config.properties");
  }

  /** A CDI WAR with neither libraries nor configuration: a module of an EAR whose lib/ holds both. */
  static WebArchive moduleWar(String name) {
    return ShrinkWrap.create(WebArchive.class, name + ".war")
        .addAsWebInfResource(WEBAPP.resolve("beans.xml").toFile(), "beans.xml");
  }

  /** A jar holding only the tracing configuration, for an EAR's lib/. */
  static JavaArchive configJar() {
    return ShrinkWrap.create(JavaArchive.class, "tracing-config.jar")
        .addAsResource(new StringAsset(tracingConfig()), "META-INF/microprofile-config.properties");
  }

  /** The library, its dependencies and the H2 driver. */
  static File[] libraries() {
    File[] jars = LIB.toFile().listFiles((dir, file) -> file.endsWith(".jar"));
    if (jars == null || jars.length == 0) {
      throw new IllegalStateException("no jars in " + LIB + ": build the example WAR first (mvn package)");
    }
    Arrays.sort(jars, Comparator.comparing(File::getName));
    return jars;
  }

  /**
   * Tracing on by a (test) key, spans to the test's receiver every 100 ms. Not otel.sdk.disabled=false: on
   * Payara that also switches on Payara's own MicroProfile Telemetry for the WAR (docs/servers.md, "Payara").
   */
  static String tracingConfig() {
    return "mackerel.api-key=" + API_KEY + "\n"
        + "otel.exporter.otlp.traces.endpoint=" + receiver().tracesUrl() + "\n"
        + "otel.bsp.schedule.delay=100\n";
  }
}
