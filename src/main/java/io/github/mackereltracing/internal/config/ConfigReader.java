package io.github.mackereltracing.internal.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Collects one deployment's {@code otel.*} and {@code mackerel.*} properties into a flat map. MicroProfile
 * Config, when the deployment has it, decides precedence (it already covers system properties and
 * environment variables). Without it: servlet context parameters, overridden by environment variables,
 * overridden by system properties, the same order MicroProfile Config's default sources have.
 */
public final class ConfigReader {
  private static final Logger LOG = Logger.getLogger(ConfigReader.class.getName());
  private static final String MP_CONFIG_PROVIDER = "org.eclipse.microprofile.config.ConfigProvider";

  private ConfigReader() {}

  /**
   * Reads the properties visible to {@code deploymentLoader}.
   *
   * @param deploymentParams lowest-precedence values from the deployment itself (servlet context
   *     parameters); may be empty
   */
  public static Map<String, String> read(ClassLoader deploymentLoader, Map<String, String> deploymentParams) {
    Map<String, String> properties = new TreeMap<>();
    deploymentParams.forEach(
        (key, value) -> {
          if (isOurs(key)) {
            properties.put(key, value);
          }
        });
    Map<String, String> fromMicroProfile = readMicroProfileConfig(deploymentLoader);
    if (fromMicroProfile != null) {
      properties.putAll(fromMicroProfile);
      return properties;
    }
    properties.putAll(fromEnvironment(System.getenv()));
    System.getProperties()
        .forEach(
            (key, value) -> {
              if (key instanceof String && value instanceof String && isOurs((String) key)) {
                properties.put((String) key, (String) value);
              }
            });
    return properties;
  }

  /** Whether a property name belongs to this library or to the OpenTelemetry SDK. */
  static boolean isOurs(String key) {
    return key.startsWith("otel.") || key.startsWith("mackerel.");
  }

  /**
   * Maps environment variables to property names: {@code OTEL_FOO_BAR} to {@code otel.foo.bar} (as the
   * OpenTelemetry SDK does), and {@code MACKEREL_*} to the setting it names.
   */
  static Map<String, String> fromEnvironment(Map<String, String> environment) {
    Map<String, String> properties = new TreeMap<>();
    environment.forEach(
        (name, value) -> {
          String key = propertyNameOfEnv(name);
          if (key != null) {
            properties.put(key, value);
          }
        });
    return properties;
  }

  static String propertyNameOfEnv(String name) {
    if (name.startsWith("OTEL_")) {
      return name.toLowerCase(Locale.ROOT).replace('_', '.');
    }
    if (name.startsWith("MACKEREL_")) {
      Setting setting = Setting.forEnvName(name);
      return setting == null ? null : setting.key();
    }
    return null;
  }

  /** Null when the deployment has no MicroProfile Config. */
  private static Map<String, String> readMicroProfileConfig(ClassLoader deploymentLoader) {
    try {
      Class.forName(MP_CONFIG_PROVIDER, false, deploymentLoader);
      // The API may be visible while no implementation is installed (a plain servlet container with the
      // API jar in the WAR): ConfigProvider then throws, and system properties and the environment serve.
      return MicroProfileConfigReader.read(deploymentLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    } catch (RuntimeException e) {
      LOG.log(
          Level.FINE, "MicroProfile Config is not usable here; reading system properties and environment", e);
      return null;
    }
  }
}
