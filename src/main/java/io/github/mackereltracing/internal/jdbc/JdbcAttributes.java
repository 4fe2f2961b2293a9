package io.github.mackereltracing.internal.jdbc;

import io.opentelemetry.api.common.AttributeKey;

/** Attribute keys of OpenTelemetry's stable database semantic conventions, and the older ones. */
final class JdbcAttributes {
  static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");
  static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");
  static final AttributeKey<String> DB_QUERY_TEXT = AttributeKey.stringKey("db.query.text");
  static final AttributeKey<String> DB_QUERY_SUMMARY = AttributeKey.stringKey("db.query.summary");
  static final AttributeKey<String> DB_OPERATION_NAME = AttributeKey.stringKey("db.operation.name");
  static final AttributeKey<String> DB_COLLECTION_NAME = AttributeKey.stringKey("db.collection.name");
  static final AttributeKey<String> DB_STORED_PROCEDURE_NAME = AttributeKey.stringKey("db.stored_procedure.name");
  static final AttributeKey<Long> DB_OPERATION_BATCH_SIZE = AttributeKey.longKey("db.operation.batch.size");
  static final AttributeKey<String> DB_RESPONSE_STATUS_CODE = AttributeKey.stringKey("db.response.status_code");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> CODE_FUNCTION_NAME = AttributeKey.stringKey("code.function.name");

  /** Before semantic conventions 1.25; still read by some tools (Mackerel falls back to db.statement). */
  static final AttributeKey<String> LEGACY_DB_SYSTEM = AttributeKey.stringKey("db.system");
  static final AttributeKey<String> LEGACY_DB_STATEMENT = AttributeKey.stringKey("db.statement");
  static final AttributeKey<String> LEGACY_DB_NAME = AttributeKey.stringKey("db.name");

  private JdbcAttributes() {}
}
