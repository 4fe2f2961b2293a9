package io.github.mackereltracing.internal.jdbc;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The SQL sanitizer on a mix of statements such as applications send: from its cache (a statement seen
 * before, the usual case) and sanitized afresh (a statement seen for the first time, or one too long to
 * cache). In the library's package: the sanitizer is internal. Throughput in statements per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@State(Scope.Benchmark)
public class SanitizerBenchmark {
  /** Short and long, with literals of every kind, comments, IN lists, joins, a call and DDL. */
  static final String[] MIX = {
    "SELECT name, email FROM people WHERE id = ?",
    "SELECT * FROM orders WHERE customer_id = 42 AND status = 'OPEN' ORDER BY created_at DESC LIMIT 20",
    "INSERT INTO audit_log (user_id, action, detail, at) VALUES (17, 'login', 'from 10.0.0.7', '2024-05-01 10:00:00')",
    "UPDATE accounts SET balance = balance - 100.50 WHERE id = 9 AND version = 3",
    "DELETE FROM sessions WHERE expires_at < CURRENT_TIMESTAMP -- housekeeping",
    "SELECT o.id, c.name, SUM(l.amount) FROM orders o JOIN customers c ON c.id = o.customer_id"
        + " JOIN order_lines l ON l.order_id = o.id WHERE o.id IN (1, 2, 3, 4, 5, 6, 7, 8) GROUP BY o.id, c.name",
    "/* report */ SELECT count(*) FROM events WHERE kind = 'click' AND payload LIKE '%\"price\": 12%'",
    "{call refresh_stats(?, 'daily')}",
  };

  SqlSanitizer sanitizer;

  @Setup
  public void warmCache() {
    sanitizer = SqlSanitizer.STANDARD;
    for (String sql : MIX) {
      sanitizer.info(sql);
    }
  }

  @Benchmark
  @OperationsPerInvocation(8)
  public void cached(Blackhole out) {
    for (String sql : MIX) {
      out.consume(sanitizer.info(sql));
    }
  }

  @Benchmark
  @OperationsPerInvocation(8)
  public void uncached(Blackhole out) {
    for (String sql : MIX) {
      out.consume(sanitizer.sanitize(sql));
    }
  }
}
