package io.github.mackereltracing.internal.span;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Exception messages (database errors first) keep what went wrong and lose the values they quote. */
class ExceptionTextTest {
  final ExceptionText text = ExceptionText.INSTANCE;

  @Test
  void messagesStopWhereQuotedStatementsOrValuesStart() {
    assertThat(text.message("Syntax error in SQL statement \"SELECT 'secret' FROM t\"; SQL statement:\nSELECT 'secret'"))
        .isEqualTo("Syntax error in SQL statement \u2026");
    assertThat(text.message("ERROR: duplicate key value violates unique constraint \"users_email_key\"\n"
        + "  Detail: Key (email)=(alice@example.com) already exists."))
        .isEqualTo("ERROR: duplicate key value violates unique constraint \u2026");
    assertThat(text.message("Key (id)=(7) already exists")).isEqualTo("Key (id)=\u2026");
    assertThat(text.message("Duplicate entry 'alice@example.com' for key 'users.email'")).isEqualTo("Duplicate entry \u2026");
    assertThat(text.message("Value 1234567 out of range [22003-232]")).isEqualTo("Value ? out of range [?-?]");
    assertThat(text.message("Connection is closed")).isEqualTo("Connection is closed");
    assertThat(text.message(null)).isEmpty();
  }

  @Test
  void queryStringsOfUrlsInMessagesAreCut() {
    assertThat(text.message("Could not find resource for full path: http://shop/api/x?token=hunter2&a=1"))
        .isEqualTo("Could not find resource for full path: http://shop/api/x\u2026");
    assertThat(text.message("Is the order paid? No")).isEqualTo("Is the order paid? No");
    assertThat(text.message("Really?")).isEqualTo("Really?");
  }

  @Test
  void stackTracesKeepFramesAndCausesWithMessagesCut() {
    SQLException error = new SQLException("Function \"F\" not found; SQL statement: call f(8282722985)", "90022",
        new IllegalStateException("bad value 'secret'"));
    String trace = text.stackTrace(error);
    assertThat(trace).startsWith("java.sql.SQLException: Function \u2026\n\tat ")
        .contains("Caused by: java.lang.IllegalStateException: bad value \u2026")
        .doesNotContain("secret").doesNotContain("8282722985");
  }
}
