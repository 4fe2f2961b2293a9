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
  void defaultsMatchWholeSegmentsNotNamesThatMerelyBeginTheSame() {
    assertThat(defaults.matches("/healthcare", null)).isFalse();
    assertThat(defaults.matches("/healthcare", "/patients")).isFalse();
    assertThat(defaults.matches("/health-records", null)).isFalse();
    assertThat(defaults.matches("/metricsviewer", null)).isFalse();
    assertThat(defaults.matches("/openapis", null)).isFalse();
    assertThat(defaults.matches("/health/", null)).isTrue();
    assertThat(defaults.matches("/health/ready", null)).isTrue();
    assertThat(defaults.matches("", "/health/ready")).isTrue();
    assertThat(defaults.matches("/metrics/base/cpu", null)).isTrue();
  }

  @Test
  void aStarEndingAPatternAfterANameTakesWholeSegmentsWhereverTheNameIs() {
    PathPatterns patterns = PathPatterns.parse("/api/*/status*,/a*");
    assertThat(patterns.matches("/api", "/v1/status")).isTrue();
    assertThat(patterns.matches("/api", "/v1/status/db")).isTrue();
    assertThat(patterns.matches("/api", "/v1/statuses")).isFalse();
    assertThat(patterns.matches("/api/v1/x/status", null)).isTrue();
    assertThat(patterns.matches("/a", null)).isTrue();
    assertThat(patterns.matches("/a/b", null)).isTrue();
    assertThat(patterns.matches("/ab", null)).isFalse();
  }

  @Test
  void aStarAfterASlashOrInsideAPatternStillTakesAnyCharacters() {
    PathPatterns below = PathPatterns.parse("/api/status/*");
    assertThat(below.matches("/api/status/db", null)).isTrue();
    assertThat(below.matches("/api/status/", null)).isTrue();
    assertThat(below.matches("/api/status", null)).isFalse();
    assertThat(below.matches("/api/statuses", null)).isFalse();
    assertThat(PathPatterns.parse("/rep*rt").matches("/reports/report", null)).isTrue();
    assertThat(PathPatterns.parse("*").matches("/anything/at/all", null)).isTrue();
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
