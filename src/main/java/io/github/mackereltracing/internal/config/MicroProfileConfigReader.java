package io.github.mackereltracing.internal.config;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads through MicroProfile Config. Loaded only when its API is on the deployment's class path. */
final class MicroProfileConfigReader {
  private static final Logger LOG = Logger.getLogger(MicroProfileConfigReader.class.getName());

  private MicroProfileConfigReader() {}

  static Map<String, String> read(ClassLoader deploymentLoader) {
    Config config = ConfigProvider.getConfig(deploymentLoader);
    TreeMap<String, String> properties = new TreeMap<>();
    for (String name : config.getPropertyNames()) {
      String key = ConfigReader.isOurs(name) ? name : ConfigReader.propertyNameOfEnv(name);
      if (key != null) {
        put(config, key, properties);
      }
    }
    // A source that cannot list its names still answers for the keys we know.
    for (Setting setting : Setting.values()) {
      if (!properties.containsKey(setting.key())) {
        put(config, setting.key(), properties);
      }
    }
    return properties;
  }

  private static void put(Config config, String key, Map<String, String> properties) {
    try {
      Optional<String> value = config.getOptionalValue(key, String.class);
      value.ifPresent(v -> properties.put(key, v));
    } catch (RuntimeException e) {
      // An unresolvable expression in one property must not take the others down; the message may
      // quote the value, so only the key is logged.
      LOG.warning("Mackerel tracing: ignoring property '" + key + "': MicroProfile Config could not resolve it ("
          + e.getClass().getSimpleName() + ")");
    }
  }
}
