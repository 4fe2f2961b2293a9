package io.github.mackereltracing.example.arquillian;

import java.util.Arrays;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs an Arquillian class only in a failsafe execution that chose an adapter ({@code -Darquillian.launch}, set
 * by example-war/pom.xml) and only when {@code -Dservers} (the harness's selection: wildfly, payara6, liberty,
 * ...) includes that server. Evaluated before Arquillian's own callbacks, so a server that is not selected is
 * never started.
 */
public final class OnSelectedServer implements ExecutionCondition {
  /** The container qualifier of arquillian.xml in use, or null outside an Arquillian execution. */
  static String launched() {
    return System.getProperty("arquillian.launch");
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String launched = launched();
    if (launched == null) {
      return ConditionEvaluationResult.disabled("no managed adapter chosen (-Darquillian.launch)");
    }
    String servers = System.getProperty("servers", "all").strip();
    boolean selected = servers.isEmpty() || servers.equals("all")
        || Arrays.stream(servers.split(",")).map(String::strip).anyMatch(launched::equals);
    return selected
        ? ConditionEvaluationResult.enabled(launched + " is selected")
        : ConditionEvaluationResult.disabled(launched + " is not in -Dservers=" + servers);
  }
}
