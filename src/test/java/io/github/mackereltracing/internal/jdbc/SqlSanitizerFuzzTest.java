package io.github.mackereltracing.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A Jazzer fuzz target for the SQL scan: whatever the bytes, for every dialect, the scan ends, throws
 * nothing (the sanitizer would hide a crash behind "no text", so the scan is called directly), and returns
 * no more than it read. A normal build replays the inputs under
 * src/test/resources/.../SqlSanitizerFuzzTestInputs/ (what fuzzing found worth keeping goes there); real
 * fuzzing, with coverage guidance and Jazzer's detection of hangs, runs with
 * {@code JAZZER_FUZZ=1 mvn -o test -Dtest=SqlSanitizerFuzzTest} (docs/RELIABILITY.md).
 */
class SqlSanitizerFuzzTest {
  private static final List<SqlSanitizer> DIALECTS =
      SqlLiteralsNeverSurviveTest.DIALECTS;

  @FuzzTest(maxDuration = "60s")
  void scanEndsWithinBoundsOnAnyInput(byte[] input) {
    String sql = new String(input, StandardCharsets.UTF_8);
    for (SqlSanitizer dialect : DIALECTS) {
      SqlInfo info = new SqlScan(dialect, sql).run();
      assertThat(info.queryText.length()).isLessThanOrEqualTo(sql.length());
      if (info.summary != null) {
        assertThat(info.summary.length()).isLessThanOrEqualTo(SqlScan.MAX_SUMMARY);
      }
    }
  }
}
