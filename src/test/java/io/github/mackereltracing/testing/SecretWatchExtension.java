package io.github.mackereltracing.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * {@link SecretWatch} for every Jupiter test of the suite: registered through
 * META-INF/services/org.junit.jupiter.api.extension.Extension and auto-detection
 * (src/test/resources/junit-platform.properties), so no test has to ask for it. A test fails when a key
 * leaked while it ran, or when the exception that ends it carries a key; a class fails for what leaked in
 * its {@code @BeforeAll}/{@code @AfterAll}.
 */
public final class SecretWatchExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  @Override
  public void beforeAll(ExtensionContext context) {
    SecretWatch.install();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    AssertionError earlier = SecretWatch.failure("the set-up of " + context.getRequiredTestClass().getSimpleName()
        + " or a late export of an earlier test, before " + context.getDisplayName());
    if (earlier != null) {
      throw earlier;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    AssertionError leak = SecretWatch.failure(context.getRequiredTestClass().getSimpleName() + "."
        + context.getDisplayName());
    if (leak != null) {
      throw leak;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    AssertionError leak = SecretWatch.failure(context.getDisplayName() + " (class set-up or tear-down)");
    if (leak != null) {
      throw leak;
    }
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
    SecretWatch.throwable("exception that ended the test", thrown);
    throw thrown;
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
    SecretWatch.throwable("exception thrown by @BeforeAll", thrown);
    throw thrown;
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
    SecretWatch.throwable("exception thrown by @BeforeEach", thrown);
    throw thrown;
  }
}
