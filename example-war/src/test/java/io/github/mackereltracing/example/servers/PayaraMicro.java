package io.github.mackereltracing.example.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Payara Micro ({@code fish.payara.extras:payara-micro}): one jar, run with {@code java -jar}. It has no
 * bind-address option: a pre-boot command sets the HTTP listener's address. {@code --nohazelcast} keeps
 * it from opening its cluster port on every interface (as {@code --nocluster} does not).
 */
final class PayaraMicro extends AppServer {
  private final String install;
  private final Path javaHome;

  /** {@code install} is the folder under target/servers ("payara6", "payara7"). */
  PayaraMicro(String name, Path runDir, String install, Path javaHome) {
    super(name, runDir);
    this.install = install;
    this.javaHome = javaHome;
  }

  @Override
  protected List<String> prepare(List<Path> wars) throws IOException {
    Path root = Files.createDirectories(runDir.resolve("root"));
    Path preBoot = runDir.resolve("pre-boot.asadmin");
    Files.writeString(preBoot,
        "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1\n");
    List<String> command = new ArrayList<>(List.of(
        javaHome.resolve("bin/java").toString(), "-Xmx512m",
        "-jar", INSTALLS.resolve(install).resolve("payara-micro.jar").toString(),
        "--nohazelcast", "--rootdir", root.toString(), "--prebootcommandfile", preBoot.toString(),
        "--port", Integer.toString(httpPort)));
    for (Path war : wars) {
      command.add("--deploy");
      command.add(war.toString());
    }
    return command;
  }

  @Override
  protected boolean started(String output) {
    return output.contains("Payara Micro ") && output.contains(") ready in ");
  }

  /** Payara Micro carries on without an application that failed to deploy; the log says so. */
  @Override
  protected String failure(String output) {
    int at = output.indexOf("Exception while loading the app");
    if (at < 0) {
      return null;
    }
    int end = output.indexOf('\n', at);
    return output.substring(at, end < 0 ? output.length() : end);
  }
}
