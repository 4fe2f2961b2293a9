package io.github.mackereltracing.internal.runtime;

import jakarta.annotation.Nullable;
import java.util.logging.Logger;
import io.github.mackereltracing.internal.config.SdkSettings;
import io.github.mackereltracing.internal.config.Setting;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * host.name, process.pid and, when the local mackerel-agent has registered the host, host.id: what
 * Mackerel needs to link a trace to the host's metrics.
 */
final class HostResource {
  private static final Logger LOG = Logger.getLogger(HostResource.class.getName());
  static final AttributeKey<String> HOST_NAME = AttributeKey.stringKey("host.name");
  static final AttributeKey<String> HOST_ID = AttributeKey.stringKey("host.id");
  static final AttributeKey<Long> PROCESS_PID = AttributeKey.longKey("process.pid");
  /** A mackerel-agent host id is a dozen characters; anything much larger is not one. */
  private static final int MAX_ID_BYTES = 256;

  private HostResource() {}

  static Resource create(SdkSettings settings) {
    AttributesBuilder attributes = Attributes.builder();
    attributes.put(PROCESS_PID, ProcessHandle.current().pid());
    String hostName = hostName();
    if (hostName != null) {
      attributes.put(HOST_NAME, hostName);
    }
    String hostId = hostId(settings);
    if (hostId != null) {
      attributes.put(HOST_ID, hostId);
    }
    return Resource.create(attributes.build());
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException e) {
      String env = System.getenv("HOSTNAME");
      return env == null || env.isBlank() ? null : env;
    }
  }

  /** The agent's host id, or null. A missing default file is normal (no agent); others are reported. */
  @Nullable
  static String hostId(SdkSettings settings) {
    String configured = settings.get(Setting.HOST_ID_FILE.key());
    boolean explicit = configured != null && !configured.isBlank();
    String file = explicit ? configured.strip() : Setting.HOST_ID_FILE.defaultValue();
    try {
      Path path = Paths.get(file);
      try (InputStream in = Files.newInputStream(path)) {
        byte[] bytes = in.readNBytes(MAX_ID_BYTES + 1);
        String id = new String(bytes, StandardCharsets.UTF_8).strip();
        if (bytes.length > MAX_ID_BYTES || id.isEmpty() || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
          LOG.warning("Mackerel tracing: " + Setting.HOST_ID_FILE.key() + "='" + file
              + "' does not hold a mackerel-agent host id; host.id is not set");
          return null;
        }
        return id;
      }
    } catch (NoSuchFileException e) {
      if (explicit) {
        LOG.warning("Mackerel tracing: " + Setting.HOST_ID_FILE.key() + "='" + file
            + "' does not exist; host.id is not set");
      }
      return null;
    } catch (IOException | RuntimeException e) {
      LOG.warning("Mackerel tracing: " + Setting.HOST_ID_FILE.key() + "='" + file
          + "' cannot be read (" + e.getClass().getSimpleName() + "); host.id is not set");
      return null;
    }
  }
}
