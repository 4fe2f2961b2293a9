package io.github.mackereltracing.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.internal.config.Setting;
import org.junit.jupiter.api.Test;

class PathPatternsTest {
  private final PathPatterns defaults = PathPatterns.parse(Setting.HTTP_EXCLUDED_PATHS.defaultValue());

  @Test
  void defaultsLeaveOutHealthMetricsAndOpenApi() {
    assertThat(defaults.matches("/health", null)).isTrue();
    assertThat(defaults.matches("/health", "/live")).isTrue();
    assertThat(defaults.matches("/metrics", null)).isTrue();
    assertThat(defaults.matches("/openapi", "/ui")).isTrue();
    assertThat(defaults.matches("/api", "/health")).isFalse();
    assertThat(defaults.matches("/hello", null)).isFalse();
    assertThat(defaults.matches("", null)).isFalse();
  }

  @Test
  void starMatchesAnythingAnywhere() {
    PathPatterns patterns = PathPatterns.parse(" /api/*/ping , static/*.css,");
    assertThat(patterns.matches("/api", "/v1/ping")).isTrue();
    assertThat(patterns.matches("/api", "/v1/pong")).isFalse();
    assertThat(patterns.matches("/static/a/b.css", null)).isTrue();
    assertThat(patterns.matches("/static/a/b.js", null)).isFalse();
    assertThat(patterns.toString()).isEqualTo("/api/*/ping,/static/*.css");
  }

  @Test
  void noneTurnsExclusionOff() {
    assertThat(PathPatterns.parse("none").isEmpty()).isTrue();
    assertThat(PathPatterns.parse(" NONE ").matches("/health", null)).isFalse();
  }
}
