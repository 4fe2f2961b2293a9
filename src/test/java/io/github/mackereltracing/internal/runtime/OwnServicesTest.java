package io.github.mackereltracing.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mackereltracing.internal.config.SdkSettings;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ResourceProvider;
import io.opentelemetry.sdk.resources.Resource;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WAR on a server that ships its own OpenTelemetry (Payara, Open Liberty with mpTelemetry): the WAR's
 * classes win, but the server's META-INF/services files are visible too, naming classes that implement the
 * server's copy of the SPI.
 */
class OwnServicesTest {
  private static final String SERVICE_FILE = "META-INF/services/" + ResourceProvider.class.getName();

  @TempDir Path dir;
  URLClassLoader server;
  ClassLoader deployment;

  @BeforeEach
  void serverWithItsOwnOpenTelemetry() throws Exception {
    // The server's OpenTelemetry: its own copy of the SPI jars, and a provider compiled against them.
    Path source = dir.resolve("src/foreign/ServerResourceProvider.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "package foreign;\n"
        + "public class ServerResourceProvider implements io.opentelemetry.sdk.autoconfigure.spi.ResourceProvider {\n"
        + "  public io.opentelemetry.sdk.resources.Resource createResource(\n"
        + "      io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties config) {\n"
        + "    return io.opentelemetry.sdk.resources.Resource.empty();\n"
        + "  }\n"
        + "}\n");
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    String classpath = openTelemetryJars().stream().map(URL::getPath).collect(Collectors.joining(":"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, "-d", classes.toString(), "-cp", classpath, source.toString()))
        .isZero();
    Path services = classes.resolve(SERVICE_FILE);
    Files.createDirectories(services.getParent());
    Files.writeString(services, "# the server's provider\nforeign.ServerResourceProvider\n");

    List<URL> urls = new ArrayList<>(openTelemetryJars());
    urls.add(0, classes.toUri().toURL());
    server = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    assertThat(server.loadClass(ResourceProvider.class.getName())).isNotSameAs(ResourceProvider.class);

    // The WAR, its own libraries first (as with Payara's delegate="false"), the server's resources visible.
    deployment = new ClassLoader(getClass().getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        return server.loadClass(name);
      }

      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = Collections.list(getParent().getResources(name));
        all.addAll(Collections.list(server.getResources(name)));
        return Collections.enumeration(all);
      }
    };
  }

  @AfterEach
  void close() throws IOException {
    server.close();
  }

  @Test
  void theServersRegistrationsBreakThePlainServiceLoader() {
    assertThatThrownBy(() -> ServiceLoader.load(ResourceProvider.class, deployment).forEach(p -> {}))
        .isInstanceOf(ServiceConfigurationError.class)
        .hasMessageContaining("not a subtype");
  }

  @Test
  void onlyTheDeploymentsOwnProvidersAreLoaded() {
    List<String> providers = new ArrayList<>();
    ServiceLoader.load(ResourceProvider.class, OwnServices.of(deployment))
        .forEach(p -> providers.add(p.getClass().getName()));

    assertThat(providers)
        .contains("io.opentelemetry.sdk.autoconfigure.EnvironmentResourceProvider")
        .doesNotContain("foreign.ServerResourceProvider");
  }

  @Test
  void theSdkBuildsForSuchADeployment() throws Exception {
    SdkSettings settings = SdkSettings.resolve(
        Map.of("otel.sdk.disabled", "false", "otel.traces.exporter", "none",
            "otel.metrics.exporter", "none", "otel.logs.exporter", "none"),
        "payara-app");

    SdkFactory.Built built = SdkFactory.create(settings, deployment, "payara-app");
    try {
      assertThat(SdkFactory.serviceName(built.sdk())).isEqualTo("payara-app");
    } finally {
      built.sdk().shutdown();
    }
  }

  @Test
  void whenTheDeploymentsLoaderPrefersTheServersCopyTheLibrarysClassesAreUsed() throws Exception {
    // Open Liberty with mpTelemetry: the thread context loader resolves OpenTelemetry's names to the
    // server's copy first, while the WAR's registrations are visible through it.
    ClassLoader serverFirst = new ClassLoader(server) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = Collections.list(getParent().getResources(name));
        all.addAll(Collections.list(OwnServicesTest.class.getClassLoader().getResources(name)));
        return Collections.enumeration(all);
      }
    };
    String environment = "io.opentelemetry.sdk.autoconfigure.EnvironmentResourceProvider";
    assertThat(serverFirst.loadClass(environment)).isNotSameAs(Class.forName(environment));

    List<Class<?>> providers = new ArrayList<>();
    ServiceLoader.load(ResourceProvider.class, OwnServices.of(serverFirst))
        .forEach(p -> providers.add(p.getClass()));

    assertThat(providers).contains(Class.forName(environment))
        .noneMatch(c -> c.getName().equals("foreign.ServerResourceProvider"));
  }

  @Test
  void otherResourcesAreUntouched() throws IOException {
    Path file = dir.resolve("classes/other.txt");
    Files.writeString(file, "x");

    assertThat(Collections.list(OwnServices.of(deployment).getResources("other.txt")))
        .containsExactly(file.toUri().toURL());
  }

  /** The jars of the SPI and autoconfiguration, the SDK's common classes, the API and the context. */
  private static List<URL> openTelemetryJars() {
    return Stream.of(ResourceProvider.class, AutoConfiguredOpenTelemetrySdk.class, Resource.class,
            Attributes.class, Context.class)
        .map(c -> c.getProtectionDomain().getCodeSource().getLocation())
        .distinct()
        .collect(Collectors.toList());
  }
}
