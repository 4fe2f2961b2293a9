package io.github.mackereltracing.testing;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import java.io.IOException;
import java.io.Writer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

/**
 * A deployment as a server makes one: its own class loader, carrying its own
 * META-INF/microprofile-config.properties. Code run through {@link #call} runs with that loader as the
 * thread's context class loader, as request threads do.
 */
public final class TestDeployment implements AutoCloseable {
  private final Path root;
  private final URLClassLoader loader;
  private final DeploymentTracing tracing;

  private TestDeployment(String name, Path root, Map<String, String> contextParams) throws IOException {
    this.root = root;
    loader = new URLClassLoader(name, new URL[] {root.toUri().toURL()}, TestDeployment.class.getClassLoader());
    tracing = Deployments.getOrCreate(loader);
    tracing.attachServletContext(name, contextParams, null);
  }

  /** A deployment called {@code name} whose MicroProfile Config holds {@code config}. */
  public static TestDeployment create(String name, Map<String, String> config) throws IOException {
    Path root = Files.createTempDirectory("deployment-" + name);
    Path metaInf = Files.createDirectories(root.resolve("META-INF"));
    Properties properties = new Properties();
    properties.putAll(config);
    try (Writer out = Files.newBufferedWriter(metaInf.resolve("microprofile-config.properties"), StandardCharsets.UTF_8)) {
      properties.store(out, null);
    }
    return new TestDeployment(name, root, Map.of());
  }

  /**
   * A deployment called {@code name} whose class path is {@code root} (its META-INF/microprofile-config.properties
   * as written, comments and all) and whose servlet context parameters, the lowest-precedence source, are
   * {@code contextParams}.
   */
  public static TestDeployment of(String name, Path root, Map<String, String> contextParams) throws IOException {
    return new TestDeployment(name, root, contextParams);
  }

  public DeploymentTracing tracing() {
    return tracing;
  }

  public ClassLoader classLoader() {
    return loader;
  }

  /** Runs {@code work} as a thread of this deployment would. */
  public <T> T call(Callable<T> work) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return work.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** Undeploys: tracing shuts down (flushing spans), config and class loader are released. */
  @Override
  public void close() throws IOException {
    Deployments.undeploy(tracing);
    ConfigProviderResolver resolver = ConfigProviderResolver.instance();
    resolver.releaseConfig(resolver.getConfig(loader));
    loader.close();
  }
}
