package io.github.mackereltracing.internal.jdbc;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.sql.SQLException;

/**
 * What every span of one database shares: its system, namespace and address (read once from the JDBC URL,
 * see {@link JdbcUrl}), the attributes built from them, and how its SQL is sanitized. Immutable.
 */
final class DbInfo {
  /** The semantic conventions' fallback for a SQL database not otherwise known. */
  static final String OTHER_SQL = "other_sql";

  final String systemName;
  final String namespace; // null when unknown
  final String serverAddress; // null when unknown
  final int serverPort; // -1 when not in the URL
  final SqlSanitizer sanitizer;
  /** Stable attributes: db.system.name, db.namespace, server.address, server.port. */
  final Attributes attributes;
  /** The same plus db.system and db.name, for tools that read the older conventions. */
  final Attributes legacyAttributes;

  DbInfo(String systemName, String databaseName, String schema, String serverAddress, int serverPort) {
    this.systemName = systemName;
    this.namespace = namespace(databaseName, schema);
    this.serverAddress = serverAddress;
    this.serverPort = serverPort;
    this.sanitizer = sanitizerFor(systemName);
    AttributesBuilder stable = Attributes.builder().put(JdbcAttributes.DB_SYSTEM_NAME, systemName);
    if (namespace != null) {
      stable.put(JdbcAttributes.DB_NAMESPACE, namespace);
    }
    if (serverAddress != null) {
      stable.put(JdbcAttributes.SERVER_ADDRESS, serverAddress);
      if (serverPort > 0) {
        stable.put(JdbcAttributes.SERVER_PORT, (long) serverPort);
      }
    }
    this.attributes = stable.build();
    AttributesBuilder legacy = attributes.toBuilder().put(JdbcAttributes.LEGACY_DB_SYSTEM, legacySystem(systemName));
    if (databaseName != null) {
      legacy.put(JdbcAttributes.LEGACY_DB_NAME, databaseName);
    }
    this.legacyAttributes = legacy.build();
  }

  /** The semantic conventions join database and schema with '|', most general first. */
  private static String namespace(String database, String schema) {
    if (database == null || database.isEmpty()) {
      return schema == null || schema.isEmpty() ? null : schema;
    }
    return schema == null || schema.isEmpty() ? database : database + "|" + schema;
  }

  /** Which quoting rules the database uses, and which are uncertain: decided in {@link SqlSanitizer#forSystem}. */
  private static SqlSanitizer sanitizerFor(String system) {
    return SqlSanitizer.forSystem(system);
  }

  /** The values db.system had before db.system.name replaced it. */
  static String legacySystem(String system) {
    switch (system) {
      case "h2database":
        return "h2";
      case "oracle.db":
        return "oracle";
      case "microsoft.sql_server":
        return "mssql";
      case "ibm.db2":
        return "db2";
      case "ibm.informix":
        return "informix";
      case "sap.hana":
        return "hanadb";
      case "aws.redshift":
        return "redshift";
      case "firebirdsql":
        return "firebird";
      default:
        return system;
    }
  }

  /**
   * {@code db.response.status_code}: the most specific code the driver gives, as the semantic conventions
   * ask. Databases whose own error numbers are finer than SQLSTATE (MySQL, MariaDB, SQL Server, Oracle,
   * Db2, SQLite) report those; the others (PostgreSQL, H2, Derby, HSQLDB...) report the SQLSTATE.
   * Null when the exception carries neither.
   */
  String statusCode(SQLException e) {
    int code = e.getErrorCode();
    if (code != 0) {
      switch (systemName) {
        case "oracle.db":
          return code > 0 && code < 100000 ? String.format("ORA-%05d", code) : Integer.toString(code);
        case "mysql":
        case "mariadb":
        case "microsoft.sql_server":
        case "ibm.db2":
        case "sqlite":
          return Integer.toString(code);
        default:
          // SQLSTATE below
      }
    }
    String state = e.getSQLState();
    if (state != null && !state.isBlank()) {
      return state;
    }
    return code != 0 ? Integer.toString(code) : null;
  }

  @Override
  public String toString() {
    return attributes.toString();
  }
}
