package io.github.mackereltracing.internal.jdbc;

/**
 * One pass over one SQL text. Every literal becomes {@code ?}: strings (with doubled quotes, and
 * backslash escapes where the dialect has them), numbers (decimals, exponents, a sign where it cannot be a
 * minus), hex and binary numbers and strings ({@code 0x1F}, {@code X'1F'}, {@code B'01'}), prefixed
 * strings ({@code N'..'}, {@code E'..'}, {@code U&'..'}, {@code _utf8mb4'..'}, Oracle's {@code q'[..]'}),
 * typed literals ({@code DATE '2024-01-01'}, {@code INTERVAL '1' DAY}), {@code TRUE} and {@code FALSE}
 * (but not after {@code IS}), and PostgreSQL's dollar-quoted strings. A list of values after {@code IN}
 * becomes {@code (?)}. Identifiers (also {@code "quoted"}, {@code `quoted`} and {@code [quoted]}),
 * comments, placeholders and white space stay as they were.
 *
 * <p>On the way it notes the operations and the tables they work on, in order, for {@code
 * db.query.summary} ({@code SELECT people}, {@code INSERT orders SELECT cart}).
 *
 * <p>It is a lexer with a little state, not a parser: it never throws on odd input, never backtracks, and
 * when in doubt hides too much. The dialect ({@link SqlSanitizer}) says which quoting rules hold and which are
 * uncertain; where an uncertain rule makes the readings disagree on where a literal (or a quoted name, or a
 * comment) ends, the rest of the text becomes one {@code ?} ("fails closed"): the scan cannot know which
 * reading the database takes, and what follows is a literal in one of them. The same happens to an
 * unterminated string, name or comment, and to what follows a password clause ({@code PASSWORD x}, {@code
 * IDENTIFIED BY x}, {@code CONNECT ...}), where a secret need not be quoted. The summary keeps what was read
 * before. At most {@link #MAX_LENGTH} characters are read; longer text is cut and ends with {@link
 * #TRUNCATED}.
 */
final class SqlScan {
  /** Characters of SQL read at most; the rest is dropped. */
  static final int MAX_LENGTH = 32 * 1024;
  /** Ends a text that was cut at {@link #MAX_LENGTH}. */
  static final String TRUNCATED = "...";
  /** The semantic conventions' limit for {@code db.query.summary}. */
  static final int MAX_SUMMARY = 255;

  // Keyword codes: only words that change how the scan reads what follows are known.
  private static final int OTHER = 0;
  private static final int SELECT = 1;
  private static final int INSERT = 2; // also UPDATE, DELETE, MERGE: operations only where a statement starts
  private static final int DELETE = 3;
  private static final int CALL = 4;
  private static final int REPLACE = 5; // MySQL's REPLACE INTO, UPSERT
  private static final int DDL = 6; // CREATE, DROP, ALTER, TRUNCATE
  private static final int FROM = 7;
  private static final int JOIN = 8;
  private static final int AS = 9;
  private static final int IN = 10;
  private static final int IS = 11;
  private static final int NOT = 12;
  private static final int BOOLEAN = 13;
  private static final int TYPED = 14; // DATE, TIME, TIMESTAMP, INTERVAL before a string
  private static final int SKIP = 15; // words between an operation and its table: INTO, ONLY, IGNORE, TABLE...
  private static final int MODIFIER = 16; // between CREATE and the kind of object: OR REPLACE, TEMPORARY...
  private static final int RESERVED = 17; // other reserved words; they end a table list
  private static final int SECRET = 18; // PASSWORD, IDENTIFIED: a secret may follow, quoted or not

  private static final String[][] WORDS = {
    {"SELECT"},
    {"INSERT", "UPDATE", "MERGE"},
    {"DELETE"},
    {"CALL", "EXEC", "EXECUTE"},
    {"REPLACE", "UPSERT"},
    {"CREATE", "DROP", "ALTER", "TRUNCATE"},
    {"FROM"},
    {"JOIN", "STRAIGHT_JOIN", "USING"},
    {"AS"},
    {"IN"},
    {"IS"},
    {"NOT"},
    {"TRUE", "FALSE"},
    {"DATE", "TIME", "TIMESTAMP", "INTERVAL"},
    {"INTO", "ONLY", "IGNORE", "TABLE", "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "QUICK", "LATERAL", "IF",
      "EXISTS"},
    {"OR", "TEMPORARY", "TEMP", "UNIQUE", "GLOBAL", "LOCAL", "UNLOGGED", "MATERIALIZED", "EXTERNAL", "CACHED",
      "MEMORY", "VOLATILE", "RECURSIVE", "FORCE", "SECURE", "TRANSIENT"},
    {"WHERE", "ON", "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET", "FETCH", "FOR", "UNION", "EXCEPT", "INTERSECT",
      "MINUS", "WINDOW", "SET", "VALUES", "VALUE", "RETURNING", "WITH", "INNER", "LEFT", "RIGHT", "FULL", "OUTER",
      "CROSS", "NATURAL", "TABLESAMPLE", "CONNECT", "START", "DEFAULT", "OUTPUT", "KEY", "DO", "PARTITION", "USE",
      "OVERRIDING", "SAMPLE", "QUALIFY", "PIVOT", "UNPIVOT", "MATCHED", "AND", "THEN", "ELSE", "WHEN", "CASE",
      "BY", "LIKE", "ILIKE", "BETWEEN", "RETURN", "ESCAPE", "ALL", "ANY", "SOME", "DISTINCT", "TOP", "END"},
    {"PASSWORD", "IDENTIFIED"},
  };
  private static final int[] CODES = {
    SELECT, INSERT, DELETE, CALL, REPLACE, DDL, FROM, JOIN, AS, IN, IS, NOT, BOOLEAN, TYPED, SKIP, MODIFIER,
    RESERVED, SECRET
  };

  private static final int MAX_KEYWORD = 13;
  /** The keywords by length and first letter, so that a word is compared with two or three at most. */
  private static final String[][] KEYWORDS = new String[(MAX_KEYWORD - 1) * 26][];
  private static final int[][] KEYWORD_CODES = new int[(MAX_KEYWORD - 1) * 26][];

  static {
    for (int i = 0; i < WORDS.length; i++) {
      for (String word : WORDS[i]) {
        int bucket = (word.length() - 2) * 26 + (word.charAt(0) - 'A');
        String[] words = KEYWORDS[bucket] == null ? new String[0] : KEYWORDS[bucket];
        int[] codes = KEYWORD_CODES[bucket] == null ? new int[0] : KEYWORD_CODES[bucket];
        KEYWORDS[bucket] = java.util.Arrays.copyOf(words, words.length + 1);
        KEYWORDS[bucket][words.length] = word;
        KEYWORD_CODES[bucket] = java.util.Arrays.copyOf(codes, codes.length + 1);
        KEYWORD_CODES[bucket][codes.length] = CODES[i];
      }
    }
  }

  // What the scan expects next, for the summary.
  private static final int NOTHING = 0;
  private static final int TABLE = 1; // one table: after INSERT INTO, UPDATE, JOIN, MERGE INTO, USING
  private static final int TABLES = 2; // a FROM list: t1 a, t2 AS b
  private static final int PROCEDURE = 3; // after CALL
  private static final int DDL_OBJECT = 4; // after CREATE: the kind of object
  private static final int AFTER_TABLE = 5; // in a FROM list, after a table: alias, comma, or the end
  private static final int AFTER_ALIAS = 6;

  // The kind of the last token, to tell a sign from a minus.
  private static final int T_NONE = 0;
  private static final int T_VALUE = 1; // literal, placeholder, identifier, closing parenthesis
  private static final int T_OPERATOR = 2; // punctuation, or a reserved word after which a value starts

  private static final SqlSanitizer.Rule NO = SqlSanitizer.Rule.NO;
  private static final SqlSanitizer.Rule YES = SqlSanitizer.Rule.YES;
  private static final SqlSanitizer.Rule MAYBE = SqlSanitizer.Rule.MAYBE;

  private final SqlSanitizer dialect;
  /** {@code #} may start a comment, so it is never part of a word. */
  private final boolean hashEndsWord;
  private final String sql;
  private final int end;
  private int pos;
  private StringBuilder out; // null as long as the text needs no change
  private int copied; // sql[copied, pos) is not yet in out
  private boolean closed; // the rest of the text was dropped
  private boolean quoteOpen; // the last quoted text read was never closed
  private boolean sawBackslash; // ...and had a backslash in it

  private int lastToken = T_NONE;
  private char lastPunctuation; // the last token, if it was punctuation
  private int lastWord = OTHER; // code of the last token if it was a reserved word
  private int wordBeforeLast = OTHER;
  private int lastWordStart = -1;
  private boolean statementStart = true;
  private int statementCode = -1; // keyword code of the statement's first word, -1 before it
  private int statementWordStart = -1; // where that word is
  private int statementWordLength;
  private boolean safeDdlObject; // CREATE/ALTER/DROP of a TABLE, INDEX, VIEW: PASSWORD there is a name
  private int depth; // of parentheses
  private long queryAtDepth; // bit d: SELECT or DELETE began at depth d, so a FROM there lists tables
  private boolean afterIn;
  private int inListStart = -1; // '(' of an IN list being read
  private int inListOut; // length of out at that '('
  private int inListValues;

  private final StringBuilder summary = new StringBuilder();
  private boolean summaryFull;
  private int operations;
  private int tables;
  private String firstOperation;
  private String firstTable;
  private String procedure;
  private String firstWord;
  private int expect = NOTHING;
  private int ddlStart = -1; // CREATE, DROP... while the kind of object is awaited
  private int pendingStart = -1; // a table name being read, possibly schema.table
  private int pendingEnd;
  private boolean pendingDot;
  private boolean pendingProcedure;

  SqlScan(SqlSanitizer dialect, String sql) {
    this.dialect = dialect;
    this.hashEndsWord = dialect.hashComments != NO;
    this.sql = sql;
    int limit = Math.min(sql.length(), MAX_LENGTH);
    if (limit < sql.length() && Character.isHighSurrogate(sql.charAt(limit - 1))) {
      limit--; // never cut a character in two
    }
    this.end = limit;
  }

  SqlInfo run() {
    while (pos < end) {
      char c = sql.charAt(pos);
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || Character.isWhitespace(c)) {
        pos++;
        continue;
      }
      int start = pos;
      char next = pos + 1 < end ? sql.charAt(pos + 1) : 0;
      if (c == '-' && next == '-' && lineCommentStartsAt(pos + 2)) {
        lineComment();
      } else if (c == '-' && next == '-' && dialect.hashComments == MAYBE) {
        uncertainLineComment(start, 2); // --x: a comment, or minus minus x as in MySQL
      } else if (c == '#' && dialect.hashComments == YES) {
        lineComment();
      } else if (c == '#' && dialect.hashComments == MAYBE) {
        uncertainLineComment(start, 1);
      } else if (c == '/' && next == '*') {
        blockComment(start);
      } else if (c == '\'') {
        if (quoted(start, '\'', dialect.backslashEscapes)) {
          literal(start);
        }
      } else if (c == '"' && dialect.doubleQuotedStrings != NO) {
        doubleQuoted(start);
      } else if (c == '"' || c == '`') {
        if (quoted(start, c, c == '`' ? backtickEscapes() : NO)) {
          if (quoteOpen) {
            failClosed(start); // never closed: where it would end is unknown
          } else {
            name(start);
          }
        }
      } else if (c == '[' && dialect.bracketIdentifiers != NO) {
        bracketed(start);
      } else if (c == '{' && dialect.braceComments && !jdbcEscape(pos + 1)) {
        braceComment(start);
      } else if (c == '$' && dialect.dollarQuotes != NO && dollarQuote(start)) {
        literal(start);
      } else if (isDigit(c) || (c == '.' && isDigit(next) && lastToken != T_VALUE)) {
        number();
        literal(start);
      } else if ((c == '-' || c == '+') && lastToken != T_VALUE && startsNumber(pos + 1)) {
        pos++;
        number();
        literal(start);
      } else if (isIdentifierStart(c)) {
        word(start);
      } else if (c == '?') {
        pos++;
        value();
      } else {
        pos++;
        punctuation(c, start);
      }
    }
    return finish();
  }

  // ---- tokens ----

  /**
   * MySQL needs white space after {@code --} (so {@code 5--1} is arithmetic); others do not; where that is
   * uncertain, {@code --x} is read by {@link #uncertainLineComment}.
   */
  private boolean lineCommentStartsAt(int i) {
    return dialect.hashComments == NO || i >= end || sql.charAt(i) <= ' ';
  }

  /**
   * A line comment in one reading, SQL in another ({@code #} or {@code --x} in an unknown database). Without
   * anything on the line that could open a literal in the SQL reading, both readings meet again at the line's
   * end, and the line (a comment, or SQL whose literals are not known) becomes {@code ?}; otherwise the rest of
   * the text is dropped.
   */
  private void uncertainLineComment(int start, int markerLength) {
    int eol = start + markerLength;
    while (eol < end && sql.charAt(eol) != '\n' && sql.charAt(eol) != '\r') {
      eol++;
    }
    if (mayOpenSomething(start + markerLength, eol)) {
      failClosed(start);
      return;
    }
    pos = eol;
    replace(start, eol);
    inListStart = -1;
  }

  /**
   * Whether {@code sql[from, to)} holds anything that opens a string, a quoted name or a comment in some
   * dialect: where a construct is read two ways, text without any of these reads the same in both.
   */
  private boolean mayOpenSomething(int from, int to) {
    for (int i = from; i < to; i++) {
      char c = sql.charAt(i);
      switch (c) {
        case '\'':
        case '"':
        case '`':
        case '[':
        case '$':
        case '#':
        case '\\':
        case '{':
          return true;
        case '-':
        case '/':
          if (i + 1 < to && sql.charAt(i + 1) == (c == '-' ? '-' : '*')) {
            return true;
          }
          break;
        default:
          break;
      }
    }
    return false;
  }

  /** Drops the text from {@code start} to the end: it becomes one {@code ?}, and the scan ends. */
  private void failClosed(int start) {
    flushPending(false);
    replace(start, end);
    pos = end;
    closed = true;
  }

  /** Keeps the text up to {@code at} and drops the rest: {@code PASSWORD ?}. */
  private void dropAfter(int at) {
    flushPending(false);
    int i = at;
    while (i < end && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    if (i < end) {
      if (out == null) {
        out = new StringBuilder(Math.min(end, 1024) + 16);
      }
      out.append(sql, copied, at).append(i > at ? " ?" : "?"); // never longer than what it replaces
      copied = end;
    }
    pos = end;
    closed = true;
  }

  private void lineComment() {
    while (pos < end && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
      pos++;
    }
    inListStart = -1;
  }

  private void blockComment(int start) {
    int close = sql.indexOf("*/", start + 2);
    if (dialect.hashComments != NO && start + 2 < end && sql.charAt(start + 2) == '!') {
      if (dialect.hashComments == MAYBE && mayOpenSomething(start + 3, close < 0 ? end : close)) {
        failClosed(start); // SQL in MySQL, a comment elsewhere: the two would end its strings apart
        return;
      }
      // MySQL runs what is inside /*!40101 ... */: it is read as SQL, its literals hidden like any other.
      pos = start + 3;
      while (pos < end && isDigit(sql.charAt(pos))) {
        pos++;
      }
      return;
    }
    if (dialect.nestedComments != NO) {
      if (opensInside(start + 2, close < 0 ? end : close)) {
        if (dialect.nestedComments == MAYBE) {
          failClosed(start); // nested or not, the comment ends at different places
          return;
        }
        close = nestedCommentClose(start);
      }
    }
    if (close < 0 || close + 2 > end) {
      failClosed(start); // unterminated or cut: what follows could be anything, so it is hidden
      return;
    }
    pos = close + 2;
    inListStart = -1;
  }

  /** Whether a block comment opens in {@code sql[from, to)}. */
  private boolean opensInside(int from, int to) {
    for (int i = from; i + 1 < to + 1 && i + 1 < end; i++) {
      if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
        return true;
      }
    }
    return false;
  }

  /** Where the comment opened at {@code start} ends when comments nest (PostgreSQL, SQL Server); -1: never. */
  private int nestedCommentClose(int start) {
    int depth = 1;
    int i = start + 2;
    while (i + 1 < end) {
      char c = sql.charAt(i);
      if (c == '/' && sql.charAt(i + 1) == '*') {
        depth++;
        i += 2;
      } else if (c == '*' && sql.charAt(i + 1) == '/') {
        if (--depth == 0) {
          return i;
        }
        i += 2;
      } else {
        i++;
      }
    }
    return -1;
  }

  /**
   * A quoted string or name opened at pos; pos ends after the closing quote, or at the end. With an
   * uncertain backslash rule, both readings are tried; when they end the string apart, the rest of the text
   * is dropped from {@code start} and the answer is false.
   */
  private boolean quoted(int start, char quote, SqlSanitizer.Rule backslash) {
    int open = pos;
    int stop = quotedEnd(open, quote, backslash == YES);
    boolean unterminated = quoteOpen;
    if (backslash == MAYBE) {
      if (sawBackslash && quotedEnd(open, quote, true) != stop) {
        failClosed(start);
        return false;
      }
    }
    if (dialect.tripleQuotedStrings == MAYBE && quote != '`' && open + 2 < end && sql.charAt(open + 1) == quote
        && sql.charAt(open + 2) == quote && (tripleQuotedEnd(open, quote, false) != stop
        || (backslash != NO && tripleQuotedEnd(open, quote, true) != stop))) {
      failClosed(start); // '''It's''' in BigQuery or Spark: one string there, three pieces elsewhere
      return false;
    }
    pos = stop;
    quoteOpen = unterminated;
    return true;
  }

  /** Where a triple-quoted string opened at {@code open} ends: after its closing three quotes, or at the end. */
  private int tripleQuotedEnd(int open, char quote, boolean backslash) {
    int i = open + 3;
    while (i + 2 < end) {
      char c = sql.charAt(i);
      if (c == '\\' && backslash) {
        i += 2;
      } else if (c == quote && sql.charAt(i + 1) == quote && sql.charAt(i + 2) == quote) {
        return i + 3;
      } else {
        i++;
      }
    }
    return end;
  }

  /**
   * Where the quoted text opened at {@code open} ends: after its closing quote, or at the end ({@link
   * #quoteOpen} then set).
   */
  private int quotedEnd(int open, char quote, boolean backslash) {
    quoteOpen = false;
    sawBackslash = false;
    int i = open + 1;
    while (i < end) {
      char c = sql.charAt(i++);
      if (c == quote) {
        if (i < end && sql.charAt(i) == quote) {
          i++; // a doubled quote stands for itself
        } else {
          return i;
        }
      } else if (c == '\\') {
        sawBackslash = true;
        if (backslash) {
          i++;
        }
      }
    }
    quoteOpen = true;
    return end;
  }


  /** Backticks quote names; in a dialect with backslash escapes they may take them too (BigQuery). */
  private SqlSanitizer.Rule backtickEscapes() {
    return dialect.hashComments == YES || dialect.backslashEscapes == NO ? NO : MAYBE;
  }

  /**
   * {@code "..."}: a string (hidden), or where that is uncertain (MySQL's ANSI_QUOTES, SQL Server's
   * QUOTED_IDENTIFIER, SQLite...) hidden too; where a table is expected it still names the table in the
   * summary, as a string there would be a syntax error, not a value.
   */
  private void doubleQuoted(int start) {
    SqlSanitizer.Rule backslash = dialect.doubleQuotedStrings == YES ? dialect.backslashEscapes
        : dialect.backslashEscapes == NO ? NO : MAYBE; // a name takes no backslash escapes
    if (!quoted(start, '"', backslash)) {
      return;
    }
    if (dialect.doubleQuotedStrings == MAYBE && nameExpected(start) && !quoteOpen) {
      replace(start, pos);
      name(start);
    } else {
      literal(start);
    }
  }

  private boolean nameExpected(int start) {
    return expect == TABLE || expect == TABLES || expect == PROCEDURE
        || (pendingStart >= 0 && pendingDot && start == pendingEnd);
  }

  /**
   * {@code [name]}, where {@code ]]} stands for {@code ]}. Where brackets are uncertain (an unknown
   * database: a name, or an array subscript), the brackets become {@code ?}, unless they hold something that
   * would open a string in the other reading: then the rest is dropped.
   */
  private void bracketed(int start) {
    int i = pos + 1;
    int stop = -1;
    while (i < end) {
      char c = sql.charAt(i++);
      if (c == ']') {
        if (i < end && sql.charAt(i) == ']') {
          i++;
        } else {
          stop = i;
          break;
        }
      }
    }
    if (stop < 0) {
      failClosed(start);
      return;
    }
    pos = stop;
    if (dialect.bracketIdentifiers == YES) {
      name(start);
    } else if (mayOpenSomething(start + 1, stop - 1)) {
      failClosed(start);
    } else {
      flushPending(false);
      replace(start, stop);
      value();
    }
  }

  /** Whether a brace opens a JDBC escape ({@code {call p}}, {@code {? = call f}}, {@code {d '...'}}...). */
  private boolean jdbcEscape(int i) {
    while (i < end && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    if (i < end && sql.charAt(i) == '?') {
      return true;
    }
    int stop = i;
    while (stop < end && isIdentifierPart(sql.charAt(stop))) {
      stop++;
    }
    switch (sql.substring(i, stop).toLowerCase(java.util.Locale.ROOT)) {
      case "call":
      case "d":
      case "t":
      case "ts":
      case "fn":
      case "escape":
      case "oj":
      case "limit":
        return true;
      default:
        return false;
    }
  }

  /**
   * Informix's {@code {comment}}: a comment there, SQL elsewhere. Read as SQL when nothing in it could open a
   * string (both readings then meet at the closing brace); otherwise the rest is dropped.
   */
  private void braceComment(int start) {
    int close = sql.indexOf('}', start + 1);
    if (close < 0 || close >= end || mayOpenSomething(start + 1, close)) {
      failClosed(start);
      return;
    }
    pos++;
    punctuation('{', start);
  }

  /**
   * PostgreSQL's {@code $$...$$} and {@code $tag$...$tag$}; false, consuming nothing, for {@code $1} or a
   * lone {@code $}. Where dollar quotes are uncertain, one that holds anything that would open a string in
   * the other reading drops the rest (answering true: everything is consumed).
   */
  private boolean dollarQuote(int start) {
    int i = pos + 1;
    if (i < end && sql.charAt(i) != '$') {
      if (!isIdentifierStart(sql.charAt(i))) {
        return false;
      }
      while (i < end && sql.charAt(i) != '$') {
        char c = sql.charAt(i);
        if (!(isIdentifierStart(c) || isDigit(c))) {
          return false;
        }
        i++;
      }
    }
    if (i >= end) {
      return false;
    }
    String tag = sql.substring(pos, i + 1);
    int close = sql.indexOf(tag, i + 1);
    if (dialect.dollarQuotes == MAYBE && (close < 0 || close + tag.length() > end || mayOpenSomething(i + 1, close))) {
      failClosed(start);
      return true;
    }
    pos = close < 0 || close + tag.length() > end ? end : close + tag.length();
    return true;
  }

  private boolean startsNumber(int i) {
    if (i >= end) {
      return false;
    }
    char c = sql.charAt(i);
    return isDigit(c) || (c == '.' && i + 1 < end && isDigit(sql.charAt(i + 1)));
  }

  private void number() {
    while (pos < end) {
      char c = sql.charAt(pos);
      if ((c == 'e' || c == 'E') && pos + 2 < end && (sql.charAt(pos + 1) == '-' || sql.charAt(pos + 1) == '+')
          && isDigit(sql.charAt(pos + 2))) {
        pos += 3; // 1.5e-3
      } else if (c == '.' || isIdentifierPart(c)) {
        pos++; // digits, a decimal point, 0x1F, 1e5, and whatever sticks to a number: all hidden with it
      } else {
        return;
      }
    }
  }

  private void word(int start) {
    pos++;
    while (pos < end && isWordPart(sql.charAt(pos))) {
      pos++;
    }
    if (pos < end && prefixedString(start, pos - start, sql.charAt(pos))) {
      literal(start);
      return;
    }
    int code = keywordCode(start, pos);
    if (statementStart && statementCode < 0) {
      statementCode = code;
      statementWordStart = start;
      statementWordLength = pos - start;
    }
    if (code == SECRET) {
      if (secretFollows(start)) {
        return;
      }
      code = OTHER; // a name here: CREATE USER password, SELECT password
    }
    if (code == RESERVED && statementStart && pos - start == 7 && sql.regionMatches(true, start, "CONNECT", 0, 7)) {
      noteFirstWord(start);
      dropAfter(pos); // CONNECT u PASSWORD p, CONNECT TO db USER u USING p, CONNECT u/p
      return;
    }
    if (code == BOOLEAN && lastWord != IS && !(lastWord == NOT && wordBeforeLast == IS)) {
      literal(start); // TRUE and FALSE are values, except in IS [NOT] TRUE
      return;
    }
    if (code == OTHER) {
      noteFirstWord(start);
      name(start);
    } else {
      onKeyword(start, code);
    }
  }

  /**
   * X'1F', B'01', N'text', E'it\'s', Q'[text]', NQ'[text]', _utf8mb4'text', U&'text': consumes the string
   * and answers true when the word just read is such a prefix (also when the string dropped the rest).
   */
  private boolean prefixedString(int start, int length, char after) {
    char first = Character.toUpperCase(sql.charAt(start));
    if (after == '\'') {
      if (length == 1 && (first == 'X' || first == 'B' || first == 'N')) {
        quoted(start, '\'', dialect.backslashEscapes);
        return true;
      }
      if (length == 1 && first == 'E') {
        // Escapes for sure in PostgreSQL; elsewhere an E and a string, whose own rule may differ.
        quoted(start, '\'', dialect == SqlSanitizer.POSTGRESQL || dialect.backslashEscapes == YES ? YES : MAYBE);
        return true;
      }
      if (dialect.oracleQuotes != NO
          && ((length == 1 && first == 'Q') || (length == 2 && sql.regionMatches(true, start, "NQ", 0, 2)))) {
        oracleQuote(start);
        return true;
      }
      if (first == '_') {
        quoted(start, '\'', dialect.backslashEscapes);
        return true;
      }
    } else if (after == '"' && first == '_' && dialect.doubleQuotedStrings != NO) {
      quoted(start, '"', dialect.backslashEscapes == NO ? NO : MAYBE);
      return true;
    } else if (after == '&' && length == 1 && first == 'U' && pos + 1 < end && sql.charAt(pos + 1) == '\'') {
      pos++;
      quoted(start, '\'', dialect.backslashEscapes);
      return true;
    }
    return false;
  }

  /**
   * Oracle's {@code q'[...]'}, pos at the quote. Where q-quotes are uncertain, the plain reading (a name q,
   * then a string) must end at the same place, or the rest is dropped.
   */
  private void oracleQuote(int start) {
    int quote = pos;
    int stop;
    if (pos + 1 >= end) {
      stop = end;
    } else {
      char open = sql.charAt(pos + 1);
      char close = open == '[' ? ']' : open == '{' ? '}' : open == '(' ? ')' : open == '<' ? '>' : open;
      int i = pos + 2;
      while (i + 1 < end && !(sql.charAt(i) == close && sql.charAt(i + 1) == '\'')) {
        i++;
      }
      stop = i + 1 < end ? i + 2 : end;
    }
    if (dialect.oracleQuotes == MAYBE && (quotedEnd(quote, '\'', false) != stop
        || (dialect.backslashEscapes != NO && quotedEnd(quote, '\'', true) != stop))) {
      failClosed(start);
      return;
    }
    pos = stop;
  }

  /**
   * PASSWORD or IDENTIFIED just read: where a secret may follow (unquoted, or quoted as a name), keeps the
   * word and drops the rest, and answers true. PASSWORD is a column in queries and DML, and in CREATE or
   * ALTER of a TABLE, INDEX or VIEW, and a name where one is expected ({@code CREATE USER password}).
   */
  private boolean secretFollows(int start) {
    if (pos - start == 10) { // IDENTIFIED BY
      int i = pos;
      while (i < end && Character.isWhitespace(sql.charAt(i))) {
        i++;
      }
      if (i > pos && i + 2 <= end && sql.regionMatches(true, i, "BY", 0, 2)
          && (i + 2 == end || !isWordPart(sql.charAt(i + 2)))) {
        dropAfter(i + 2);
        return true;
      }
      return false;
    }
    if (nameExpected(start) || expect == DDL_OBJECT || statementCode == SELECT || statementCode == INSERT
        || statementCode == DELETE || statementCode == CALL || statementCode == REPLACE
        || (statementCode == DDL && safeDdlObject) || firstWordIs("WITH", "VALUES", "EXPLAIN", "GRANT",
        "REVOKE", "SHOW", "DESCRIBE", "DESC")) {
      return false;
    }
    dropAfter(pos);
    return true;
  }

  private boolean firstWordIs(String... words) {
    if (statementWordStart < 0) {
      return false;
    }
    for (String word : words) {
      if (word.length() == statementWordLength && sql.regionMatches(true, statementWordStart, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  // ---- what the tokens mean ----

  /** The literal from {@code start} to pos becomes one {@code ?}. */
  private void literal(int start) {
    if (closed) {
      return;
    }
    flushPending(false);
    if (lastWord == TYPED && lastWordStart >= copied && sql.charAt(start) == '\'') {
      start = lastWordStart; // DATE '2024-01-01' is one literal
    }
    replace(start, pos);
    value();
  }

  private void replace(int start, int stop) {
    if (out == null) {
      out = new StringBuilder(Math.min(end, 1024) + 16);
    }
    out.append(sql, copied, start).append('?');
    copied = stop;
  }

  /** After a literal or a placeholder. */
  private void value() {
    if (inListStart >= 0) {
      inListValues++;
    }
    afterIn = false;
    lastToken = T_VALUE;
    lastPunctuation = 0;
    wordBeforeLast = lastWord;
    lastWord = OTHER;
    if (expect != AFTER_TABLE && expect != AFTER_ALIAS) {
      expect = NOTHING;
    }
  }

  /** An identifier, quoted or not. */
  private void name(int start) {
    table(start, pos);
    lastToken = T_VALUE;
    lastPunctuation = 0;
    wordBeforeLast = lastWord;
    lastWord = OTHER;
    statementStart = false;
    afterIn = false;
    inListStart = -1;
  }

  private void noteFirstWord(int start) {
    if (firstWord == null && statementStart && pos - start <= 20) {
      firstWord = sql.substring(start, pos);
    }
  }

  private void onKeyword(int start, int code) {
    noteFirstWord(start);
    boolean atStart = statementStart;
    boolean afterParenthesis = lastPunctuation == '(' || lastPunctuation == ')';
    flushPending(false);
    inListStart = -1;
    afterIn = code == IN;
    wordBeforeLast = lastWord;
    lastWord = code;
    lastWordStart = start;
    lastToken = T_OPERATOR;
    lastPunctuation = 0;
    statementStart = false;

    if (expect == DDL_OBJECT) {
      if (code == SKIP && pos - start == 5 && sql.regionMatches(true, start, "TABLE", 0, 5)) {
        ddlObject(start);
        return;
      }
      if (code == MODIFIER || code == REPLACE || code == SKIP || code == NOT) {
        return; // CREATE OR REPLACE, CREATE TEMPORARY, DROP ... IF EXISTS
      }
    }
    switch (code) {
      case SELECT:
        operation(start);
        queryAtDepth |= bit(depth);
        expect = NOTHING;
        return;
      case INSERT:
      case DELETE:
        // Not ON DELETE CASCADE, FOR UPDATE, ON DUPLICATE KEY UPDATE, WHEN MATCHED THEN UPDATE.
        if (atStart || afterParenthesis) {
          operation(start);
          if (code == DELETE) {
            queryAtDepth |= bit(depth);
          }
          expect = TABLE;
        } else {
          expect = NOTHING;
        }
        return;
      case CALL:
      case REPLACE:
        if (atStart) {
          operation(start);
          expect = code == CALL ? PROCEDURE : TABLE;
        } else {
          expect = NOTHING;
        }
        return;
      case DDL:
        if (atStart) {
          ddlStart = start;
          expect = DDL_OBJECT;
        }
        return;
      case FROM:
        if ((queryAtDepth & bit(depth)) != 0) {
          expect = TABLES;
        } else if (expect != TABLE) {
          expect = NOTHING; // EXTRACT(YEAR FROM d), TRIM(x FROM y)
        }
        return;
      case JOIN:
        expect = TABLE;
        return;
      case AS:
        if (expect != AFTER_TABLE) {
          expect = NOTHING;
        }
        return;
      case SKIP:
        if (expect != TABLE && expect != TABLES) {
          expect = NOTHING;
        }
        return;
      default:
        expect = NOTHING;
    }
  }

  /** The word after CREATE, DROP, ALTER: TABLE, INDEX, VIEW... */
  private void ddlObject(int start) {
    String verb = sql.substring(ddlStart, ddlStart + wordLength(ddlStart));
    ddlStart = -1;
    int length = pos - start;
    safeDdlObject = verb.equalsIgnoreCase("TRUNCATE") || verb.equalsIgnoreCase("DROP")
        || (length == 5 && sql.regionMatches(true, start, "TABLE", 0, 5))
        || (length == 5 && sql.regionMatches(true, start, "INDEX", 0, 5))
        || (length == 4 && sql.regionMatches(true, start, "VIEW", 0, 4));
    if (verb.length() == 8 && verb.equalsIgnoreCase("TRUNCATE") && !sql.regionMatches(true, start, "TABLE", 0, 5)) {
      operation(verb); // TRUNCATE people
      expect = TABLE;
      table(start, pos);
      return;
    }
    operation(verb + " " + sql.substring(start, pos));
    expect = TABLE;
  }

  /** A name: a table when one is expected. */
  private void table(int start, int stop) {
    if (pendingStart >= 0 && pendingDot && start == pendingEnd) {
      pendingEnd = stop; // schema.table
      pendingDot = false;
      return;
    }
    flushPending(false);
    switch (expect) {
      case DDL_OBJECT:
        if (ddlStart >= 0) {
          ddlObject(start);
        }
        return;
      case TABLE:
      case TABLES:
      case PROCEDURE:
        pendingStart = start;
        pendingEnd = stop;
        pendingDot = false;
        pendingProcedure = expect == PROCEDURE;
        expect = expect == TABLES ? AFTER_TABLE : NOTHING;
        return;
      case AFTER_TABLE:
        expect = AFTER_ALIAS; // FROM people p
        return;
      default:
        expect = NOTHING;
    }
  }

  /** Records the table being read; {@code call}: it was a function, as in FROM generate_series(...). */
  private void flushPending(boolean call) {
    if (pendingStart < 0) {
      return;
    }
    int start = pendingStart;
    pendingStart = -1;
    pendingDot = false;
    if (call) {
      return;
    }
    String name = sql.substring(start, pendingEnd);
    if (pendingProcedure && procedure == null) {
      procedure = name;
    }
    tables++;
    if (firstTable == null) {
      firstTable = name;
    }
    appendSummary(name);
  }

  private void punctuation(char c, int start) {
    if (c == '.' && pendingStart >= 0 && start == pendingEnd && !pendingDot) {
      pendingDot = true;
      pendingEnd = pos;
      return;
    }
    flushPending(c == '(' && expect == AFTER_TABLE);
    switch (c) {
      case '(':
        depth++;
        queryAtDepth &= ~bit(depth);
        if (afterIn) {
          if (out == null) {
            out = new StringBuilder(Math.min(end, 1024) + 16);
          }
          out.append(sql, copied, start);
          copied = start;
          inListStart = start;
          inListOut = out.length();
          inListValues = 0;
        } else {
          inListStart = -1;
        }
        if (expect != PROCEDURE) {
          expect = NOTHING; // FROM (SELECT ...): the inner query names its own tables
        }
        lastToken = T_OPERATOR;
        break;
      case ')':
        if (inListStart >= 0 && inListValues > 0) {
          out.setLength(inListOut);
          out.append("(?)");
          copied = pos;
        }
        inListStart = -1;
        queryAtDepth &= ~bit(depth);
        if (depth > 0) {
          depth--;
        }
        expect = NOTHING;
        lastToken = T_VALUE;
        break;
      case ',':
        if (expect == AFTER_TABLE || expect == AFTER_ALIAS) {
          expect = TABLES;
        } else {
          expect = NOTHING;
        }
        lastToken = T_OPERATOR;
        break;
      case ';':
        statementStart = true;
        statementCode = -1;
        statementWordStart = -1;
        safeDdlObject = false;
        depth = 0;
        queryAtDepth = 0;
        expect = NOTHING;
        inListStart = -1;
        lastToken = T_NONE;
        break;
      case '{':
      case '=':
        // JDBC escapes {call p(?)} and {? = call f(?)} begin a statement.
        if (!statementStart) {
          expect = NOTHING;
        }
        inListStart = -1;
        lastToken = T_OPERATOR;
        break;
      default:
        expect = NOTHING;
        inListStart = -1;
        lastToken = T_OPERATOR;
    }
    afterIn = false;
    lastPunctuation = c;
    wordBeforeLast = lastWord;
    lastWord = OTHER;
  }

  // ---- summary ----

  private void operation(int start) {
    operation(sql.substring(start, pos));
  }

  private void operation(String name) {
    operations++;
    if (firstOperation == null) {
      firstOperation = name;
    }
    appendSummary(name);
  }

  private void appendSummary(String part) {
    if (summaryFull) {
      return;
    }
    int needed = summary.length() == 0 ? part.length() : summary.length() + 1 + part.length();
    if (needed > MAX_SUMMARY) {
      summaryFull = true; // never cut inside an operation or a table name
      return;
    }
    if (summary.length() > 0) {
      summary.append(' ');
    }
    summary.append(part);
  }

  private SqlInfo finish() {
    flushPending(false);
    if (ddlStart >= 0) {
      operation(sql.substring(ddlStart, ddlStart + wordLength(ddlStart)));
    }
    String text;
    if (out == null && end == sql.length()) {
      text = sql; // nothing to hide: the text as it is, without a copy
    } else {
      if (out == null) {
        out = new StringBuilder(end + TRUNCATED.length());
      }
      if (copied < end) {
        out.append(sql, copied, end);
      }
      if (end < sql.length()) {
        out.append(TRUNCATED);
      }
      text = out.toString();
    }
    String summaryText;
    String operation = null;
    if (operations == 0) {
      // SET, SHOW, BEGIN, VACUUM...: the statement's first word names it well enough.
      summaryText = firstWord != null && isPlainWord(firstWord) ? firstWord : null;
      operation = summaryText;
    } else {
      summaryText = summary.length() == 0 ? null : summary.toString();
      operation = operations == 1 ? firstOperation : null;
    }
    String collection = null;
    String storedProcedure = null;
    if (operations == 1 && tables == 1) {
      if (procedure != null) {
        storedProcedure = procedure;
      } else {
        collection = firstTable;
      }
    }
    return new SqlInfo(text, summaryText, operation, collection, storedProcedure);
  }

  // ---- characters ----

  private int keywordCode(int start, int stop) {
    int length = stop - start;
    char first = (char) (sql.charAt(start) & ~0x20); // upper case, for ASCII letters
    if (length < 2 || length > MAX_KEYWORD || first < 'A' || first > 'Z') {
      return OTHER;
    }
    int bucket = (length - 2) * 26 + (first - 'A');
    String[] words = KEYWORDS[bucket];
    if (words != null) {
      for (int i = 0; i < words.length; i++) {
        if (matchesKeyword(start, words[i])) {
          return KEYWORD_CODES[bucket][i];
        }
      }
    }
    return OTHER;
  }

  /**
   * Whether the text at {@code start} is {@code keyword} (upper-case letters and '_') in any case. Clearing
   * bit 5 upper-cases an ASCII letter, and maps nothing else that can be in a word onto a letter or '_'.
   */
  private boolean matchesKeyword(int start, String keyword) {
    for (int i = 1; i < keyword.length(); i++) {
      if ((sql.charAt(start + i) & ~0x20) != keyword.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private int wordLength(int start) {
    int i = start;
    while (i < end && isWordPart(sql.charAt(i))) {
      i++;
    }
    return i - start;
  }

  /** Part of a word in this dialect: {@code #} is not where it may start a comment (MySQL's {@code a#b}). */
  private boolean isWordPart(char c) {
    return isIdentifierPart(c) && !(c == '#' && hashEndsWord);
  }

  private static long bit(int d) {
    return d < 64 ? 1L << d : 0;
  }

  private static boolean isPlainWord(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static final byte START = 1;
  private static final byte PART = 2;
  /** What each ASCII character can be in a word. */
  private static final byte[] ASCII = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      boolean part = letter || (c >= '0' && c <= '9') || c == '$' || c == '#' || c == '@';
      ASCII[c] = (byte) ((letter ? START : 0) | (part ? PART : 0));
    }
  }

  private static boolean isIdentifierStart(char c) {
    return c < 128 ? (ASCII[c] & START) != 0 : Character.isLetter(c) || Character.isSurrogate(c);
  }

  private static boolean isIdentifierPart(char c) {
    return c < 128 ? (ASCII[c] & PART) != 0 : Character.isLetterOrDigit(c) || Character.isSurrogate(c);
  }
}
