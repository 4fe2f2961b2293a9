package io.github.mackereltracing.internal.jdbc;

import jakarta.annotation.Nullable;
import java.util.Locale;

/**
 * Reads a JDBC URL into a {@link DbInfo}: the database system (as the semantic conventions name it), the
 * database (and schema) for {@code db.namespace}, and the first configured host and port. Credentials in
 * a URL ({@code user:password@host}, Oracle's {@code user/password@host}, {@code password=...}) are never read
 * into anything: user-info ends at the last {@code @} before the host (passwords may hold {@code @}), a host
 * must look like one ({@link #plausibleHost}), and where a password may hold the characters that end the
 * host part ({@code / ? ;}) so that the split is unknown, neither host nor database is read. Never throws: an
 * unknown or malformed URL gives what could be read, at worst {@code other_sql} alone.
 */
final class JdbcUrl {
  private JdbcUrl() {}

  /**
   * @param url the connection's URL, may be null
   * @param productName {@code DatabaseMetaData.getDatabaseProductName()}, used when the URL does not tell
   *     the system; may be null
   */
  static DbInfo parse(String url, String productName) {
    try {
      DbInfo info = url == null ? null : parseUrl(url.strip());
      if (info != null && !info.systemName.equals(DbInfo.OTHER_SQL)) {
        return info;
      }
      String system = systemOfProduct(productName);
      if (info == null) {
        return new DbInfo(system, null, null, null, -1);
      }
      return new DbInfo(system, databaseOf(info), null, info.serverAddress, info.serverPort);
    } catch (RuntimeException e) {
      return new DbInfo(systemOfProduct(productName), null, null, null, -1);
    }
  }

  /** Whether the URL names a system this class knows, so that no product name needs to be asked for. */
  static boolean knowsSystem(String url) {
    try {
      DbInfo info = url == null ? null : parseUrl(url.strip());
      return info != null && !info.systemName.equals(DbInfo.OTHER_SQL);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String databaseOf(DbInfo info) {
    String ns = info.namespace;
    if (ns == null) {
      return null;
    }
    int bar = ns.indexOf('|');
    return bar < 0 ? ns : ns.substring(0, bar);
  }

  private static DbInfo parseUrl(String url) {
    if (!url.regionMatches(true, 0, "jdbc:", 0, 5)) {
      return null;
    }
    String rest = url.substring(5);
    // Proxies that put their name before the real driver's.
    for (String proxy : new String[] {"p6spy:", "otel:", "log4jdbc:", "tracing:"}) {
      if (rest.regionMatches(true, 0, proxy, 0, proxy.length())) {
        rest = rest.substring(proxy.length());
      }
    }
    int colon = rest.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String driver = rest.substring(0, colon).toLowerCase(Locale.ROOT);
    String tail = rest.substring(colon + 1);
    switch (driver) {
      case "postgresql":
      case "pgsql":
        return postgresql(tail);
      case "mysql":
        return hostAndPath("mysql", skipSubprotocol(tail), '?', false);
      case "mariadb":
        return hostAndPath("mariadb", skipSubprotocol(tail), '?', false);
      case "h2":
        return h2(tail);
      case "derby":
        return embeddedOrServer("derby", tail, ';');
      case "hsqldb":
        return hsqldb(tail);
      case "oracle":
        return oracle(tail);
      case "sqlserver":
        return sqlServer(tail);
      case "jtds":
        return tail.regionMatches(true, 0, "sqlserver:", 0, 10)
            ? hostAndPath("microsoft.sql_server", tail.substring(10), ';', false)
            : hostAndPath("sybase", tail.substring(tail.indexOf(':') + 1), ';', false);
      case "db2":
      case "as400":
        return hostAndPath("ibm.db2", tail, ':', false);
      case "sqlite":
        return new DbInfo("sqlite", lastPathPart(cut(tail, '?')), null, null, -1);
      case "firebirdsql":
      case "firebird":
        return hostAndPath("firebirdsql", tail, '?', false);
      case "informix-sqli":
        return hostAndPath("ibm.informix", tail, ':', false);
      case "sap":
        return hostAndPath("sap.hana", tail, '?', false);
      case "redshift":
        return hostAndPath("aws.redshift", tail, '?', false);
      case "clickhouse":
      case "ch":
        return hostAndPath("clickhouse", skipSubprotocol(tail), '?', false);
      case "trino":
        return hostAndPath("trino", tail, '?', false);
      case "teradata":
        DbInfo teradata = hostAndPath("teradata", tail, '?', false); // its path holds parameters, not a name
        return new DbInfo("teradata", null, null, teradata.serverAddress, teradata.serverPort);
      default:
        return tail.startsWith("//") ? hostAndPath(DbInfo.OTHER_SQL, tail, '?', false) : null;
    }
  }

  /** jdbc:postgresql://h1:5432,h2/db?currentSchema=s, jdbc:postgresql:db, jdbc:postgresql:/ */
  private static DbInfo postgresql(String tail) {
    DbInfo base = hostAndPath("postgresql", tail, '?', false);
    String schema = parameter(tail, '?', '&', "currentSchema");
    if (schema != null) {
      int comma = schema.indexOf(',');
      schema = comma < 0 ? schema : schema.substring(0, comma); // the first schema of the search path
    }
    return new DbInfo("postgresql", databaseOf(base), schema, base.serverAddress, base.serverPort);
  }

  /** jdbc:h2:mem:name, jdbc:h2:tcp://host:9092/~/name, jdbc:h2:file:/data/name, jdbc:h2:~/name */
  private static DbInfo h2(String tail) {
    String t = cut(tail, ';');
    if (t.regionMatches(true, 0, "tcp:", 0, 4) || t.regionMatches(true, 0, "ssl:", 0, 4)) {
      return hostAndPath("h2database", t.substring(4), ';', true);
    }
    if (t.regionMatches(true, 0, "mem:", 0, 4)) {
      String name = t.substring(4);
      return new DbInfo("h2database", name.isEmpty() ? null : name, null, null, -1);
    }
    for (String prefix :
        new String[] {"file:", "zip:", "nio:", "nioMapped:", "split:", "async:", "memFS:", "memLZF:"}) {
      if (t.regionMatches(true, 0, prefix, 0, prefix.length())) {
        t = t.substring(prefix.length());
        break;
      }
    }
    return new DbInfo("h2database", lastPathPart(t), null, null, -1);
  }

  /** jdbc:hsqldb:mem:name, jdbc:hsqldb:file:/data/name, jdbc:hsqldb:hsql://host:9001/name */
  private static DbInfo hsqldb(String tail) {
    String t = cut(tail, ';');
    for (String server : new String[] {"hsql:", "hsqls:", "http:", "https:"}) {
      if (t.regionMatches(true, 0, server, 0, server.length())) {
        return hostAndPath("hsqldb", t.substring(server.length()), ';', false);
      }
    }
    for (String prefix : new String[] {"mem:", "file:", "res:"}) {
      if (t.regionMatches(true, 0, prefix, 0, prefix.length())) {
        t = t.substring(prefix.length());
        break;
      }
    }
    return new DbInfo("hsqldb", lastPathPart(t), null, null, -1);
  }

  /** jdbc:derby://host:1527/name;create=true, jdbc:derby:memory:name, jdbc:derby:/data/name */
  private static DbInfo embeddedOrServer(String system, String tail, char parametersStart) {
    if (tail.startsWith("//")) {
      return hostAndPath(system, tail, parametersStart, true);
    }
    String t = cut(tail, parametersStart);
    int colon = t.indexOf(':');
    if (colon > 1) {
      t = t.substring(colon + 1); // memory:, directory:, classpath:, jar:
    }
    return new DbInfo(system, lastPathPart(t), null, null, -1);
  }

  /**
   * jdbc:oracle:thin:@host:1521:SID, jdbc:oracle:thin:@//host:1521/service, jdbc:oracle:thin:user/pw@host...,
   * jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(HOST=h)(PORT=p))(CONNECT_DATA=(SERVICE_NAME=s)))
   */
  private static DbInfo oracle(String tail) {
    String t = tail.substring(tail.indexOf(':') + 1); // after thin:, oci:, kprb:
    // user/password@ (the password may hold '@', quoted or not): what connects starts after the last '@'
    int at = t.lastIndexOf('@');
    if (at >= 0) {
      t = t.substring(at + 1);
    } else if (!t.startsWith("//") && !t.startsWith("(") && t.indexOf('/') >= 0) {
      return new DbInfo("oracle.db", null, null, null, -1); // user/password, and the default database
    }
    t = cut(t, '?');
    int scheme = t.indexOf("://");
    if (scheme > 0 && scheme <= 5 && isLetters(t.substring(0, scheme))) {
      t = t.substring(scheme + 1); // tcp://, tcps://
    }
    if (t.startsWith("(")) {
      String host = plausibleHost(descriptorValue(t, "HOST"));
      String port = descriptorValue(t, "PORT");
      String service = descriptorValue(t, "SERVICE_NAME");
      if (service == null) {
        service = descriptorValue(t, "SID");
      }
      return new DbInfo("oracle.db", service, null, host, parsePort(port));
    }
    if (t.startsWith("//")) {
      t = t.substring(2);
    }
    // host[:port][:SID] or host[:port][/service]
    String hostPort = t;
    String database = null;
    int slash = t.indexOf('/');
    if (slash >= 0) {
      hostPort = t.substring(0, slash);
      database = t.substring(slash + 1);
    } else {
      int first = t.indexOf(':');
      int second = first < 0 ? -1 : t.indexOf(':', first + 1);
      if (second > 0) {
        hostPort = t.substring(0, second);
        database = t.substring(second + 1);
      } else if (first < 0 || !isNumber(t.substring(first + 1))) {
        // a TNS alias: not a host
        return new DbInfo("oracle.db", t.isEmpty() ? null : t, null, null, -1);
      }
    }
    String[] hp = hostPort(hostPort);
    return new DbInfo("oracle.db", emptyToNull(database), null, hp[0], parsePort(hp[1]));
  }

  private static boolean isLetters(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  /** jdbc:sqlserver://host\instance:1433;databaseName=db;user=... */
  private static DbInfo sqlServer(String tail) {
    String t = tail.startsWith("//") ? tail.substring(2) : tail;
    int semicolon = t.indexOf(';');
    String authority = semicolon < 0 ? t : t.substring(0, semicolon);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1); // not the driver's syntax, but never read as the host
    }
    String database = parameter(tail, ';', ';', "databaseName");
    if (database == null) {
      database = parameter(tail, ';', ';', "database");
    }
    String host;
    String port;
    int backslash = authority.indexOf('\\');
    if (backslash >= 0) { // host\instance[:port]: the instance name is not the host
      int colon = authority.indexOf(':', backslash);
      authority = authority.substring(0, backslash) + (colon < 0 ? "" : authority.substring(colon));
    }
    if (authority.isEmpty()) {
      host = parameter(tail, ';', ';', "serverName");
      port = parameter(tail, ';', ';', "portNumber");
      if (host != null) {
        int slash = host.indexOf('\\');
        host = plausibleHost(slash < 0 ? host : host.substring(0, slash));
      }
    } else {
      String[] hp = hostPort(authority);
      host = hp[0];
      port = hp[1];
      if (port == null) {
        port = parameter(tail, ';', ';', "portNumber");
      }
    }
    return new DbInfo("microsoft.sql_server", database, null, emptyToNull(host), parsePort(port));
  }

  /** mysql's jdbc:mysql:loadbalance://..., jdbc:mysql+srv://... and the like: the part from "//". */
  private static String skipSubprotocol(String tail) {
    int slashes = tail.indexOf("//");
    return slashes < 0 ? tail : tail.substring(slashes);
  }

  /**
   * {@code //[user[:password]@]host[:port][,host2...][/database][<parametersStart>...]}; without the
   * slashes, the whole is the database. {@code pathIsFile}: the database is a path whose last part names it.
   */
  private static DbInfo hostAndPath(String system, String tail, char parametersStart, boolean pathIsFile) {
    if (!tail.startsWith("//")) {
      String t = cut(cut(tail, parametersStart), '?');
      String database = t.startsWith("/") ? t.substring(1) : t;
      return new DbInfo(system, emptyToNull(pathIsFile ? lastPathPart(database) : database), null, null, -1);
    }
    String t = tail.substring(2);
    int end = authorityEnd(t, 0);
    int at = t.lastIndexOf('@', end - 1);
    if (at >= 0) {
      t = t.substring(at + 1); // user[:password]@: the password may hold '@'; never read
      end = authorityEnd(t, 0);
    } else {
      int later = t.indexOf('@', end);
      int parameters = authorityEnd(t, end + 1); // where the path ends
      if (later >= 0 && (end == t.length() || t.charAt(end) != '/' || later < parameters)) {
        // An '@' after a '/', '?' or ';' that is not plainly in the parameters (?user=me@corp): a password
        // holding that character, so what came before it is user-info, not a host.
        return new DbInfo(system, null, null, null, -1);
      }
    }
    String authority = t.substring(0, end);
    if (authority.regionMatches(true, 0, "address=", 0, 8) || authority.startsWith("(")) {
      // MySQL's address=(host=h)(port=p)(user=u)(password=x) and (host=h,port=p,...)
      String host = descriptorValue(authority, "HOST");
      int port = parsePort(descriptorValue(authority, "PORT"));
      String path = end < t.length() && t.charAt(end) == '/' ? cut(cut(t.substring(end + 1), '?'), ';') : null;
      return new DbInfo(system, emptyToNull(path), null, plausibleHost(host), port);
    }
    String path = end < t.length() && t.charAt(end) == '/' ? t.substring(end + 1) : null;
    if (path != null) {
      path = cut(cut(cut(path, parametersStart), '?'), ';');
    }
    int comma = authority.indexOf(',');
    if (comma >= 0) {
      authority = authority.substring(0, comma); // the first of several hosts
    }
    String[] hp = hostPort(authority);
    String database = path == null ? null : pathIsFile ? lastPathPart(path) : path;
    return new DbInfo(system, emptyToNull(database), null, hp[0], parsePort(hp[1]));
  }

  /** The end of the host part: the first '/', '?' or ';' from {@code from}, or the length. */
  private static int authorityEnd(String t, int from) {
    for (int i = from; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '/' || c == '?' || c == ';') {
        return i;
      }
    }
    return t.length();
  }

  /**
   * The host if it looks like one (a name, an IPv4 or an IPv6 address), else null: whatever else a parse
   * mistook for a host (a user name, part of a password, a descriptor) is not sent.
   */
  @Nullable
  static String plausibleHost(@Nullable String host) {
    if (host == null || host.isEmpty() || host.length() > 253) {
      return null;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
          || c == '-' || c == '_' || c == ':' || c == '%';
      if (!ok) {
        return null;
      }
    }
    return host;
  }

  /** "host:port", "[::1]:5432", "host" into {host, port or null}. */
  private static @Nullable String[] hostPort(String authority) {
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close > 0) {
        String host = authority.substring(1, close);
        String rest = authority.substring(close + 1);
        return new String[] {plausibleHost(host), rest.startsWith(":") ? rest.substring(1) : null};
      }
    }
    int colon = authority.lastIndexOf(':');
    if (colon >= 0 && authority.indexOf(':') == colon) {
      String port = authority.substring(colon + 1);
      if (!port.isEmpty() && !isNumber(port)) {
        return new String[] {null, null}; // user:password, not host:port
      }
      return new String[] {plausibleHost(authority.substring(0, colon)), port};
    }
    return new String[] {plausibleHost(authority), null};
  }

  /** The value of {@code key} in "...<start>k1=v1<separator>k2=v2", keys compared without case. */
  private static String parameter(String tail, char start, char separator, String key) {
    int from = tail.indexOf(start);
    if (from < 0) {
      return null;
    }
    for (String pair : tail.substring(from + 1).split(String.valueOf(separator) + "|&|;")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).strip().equalsIgnoreCase(key)) {
        return emptyToNull(pair.substring(eq + 1).strip());
      }
    }
    return null;
  }

  /**
   * In an Oracle descriptor, the value of {@code (KEY=value)}; also MySQL's {@code (key=value,key2=value2)}.
   */
  private static String descriptorValue(String descriptor, String key) {
    String upper = descriptor.toUpperCase(Locale.ROOT);
    int i = upper.indexOf(key);
    while (i >= 0) {
      char before = i > 0 ? descriptor.charAt(i - 1) : 0;
      int eq = i + key.length();
      while (eq < descriptor.length() && descriptor.charAt(eq) == ' ') {
        eq++;
      }
      if ((before == '(' || before == ',') && eq < descriptor.length() && descriptor.charAt(eq) == '=') {
        int close = eq + 1;
        while (close < descriptor.length() && descriptor.charAt(close) != ')' && descriptor.charAt(close) != ',') {
          close++;
        }
        return emptyToNull(descriptor.substring(eq + 1, close).strip());
      }
      i = upper.indexOf(key, i + 1);
    }
    return null;
  }

  private static String cut(String s, char at) {
    int i = s.indexOf(at);
    return i < 0 ? s : s.substring(0, i);
  }

  private static String lastPathPart(String path) {
    String p = path;
    while (p.endsWith("/") || p.endsWith("\\")) {
      p = p.substring(0, p.length() - 1);
    }
    int slash = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
    return emptyToNull(slash < 0 ? p : p.substring(slash + 1));
  }

  private static int parsePort(String port) {
    if (port == null || !isNumber(port)) {
      return -1;
    }
    int value = Integer.parseInt(port);
    return value > 0 && value < 65536 ? value : -1;
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty() || s.length() > 5) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /**
   * Systems by a part of their {@code DatabaseMetaData.getDatabaseProductName()} (lower case), asked in this
   * order: MariaDB's product name may also say MySQL.
   */
  private static final String[][] PRODUCTS = {
      {"postgres", "postgresql"}, {"mariadb", "mariadb"}, {"mysql", "mysql"}, {"derby", "derby"}, {"hsql", "hsqldb"},
      {"oracle", "oracle.db"}, {"microsoft sql server", "microsoft.sql_server"}, {"sqlite", "sqlite"}};

  /** The system named by {@code DatabaseMetaData.getDatabaseProductName()}. */
  static String systemOfProduct(String product) {
    String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
    if (p.equals("h2")) { // the whole name: "h2" may stand in other products' names
      return "h2database";
    }
    if (p.startsWith("db2")) { // "DB2/LINUXX8664", "DB2 UDB for AS/400"
      return "ibm.db2";
    }
    for (String[] known : PRODUCTS) {
      if (p.contains(known[0])) {
        return known[1];
      }
    }
    return DbInfo.OTHER_SQL;
  }
}
