package io.github.mackereltracing.internal.jdbc;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.github.mackereltracing.internal.runtime.Telemetry;
import io.github.mackereltracing.internal.span.SpanPath;
import io.github.mackereltracing.internal.span.TelemetryFailures;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import jakarta.annotation.Nullable;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The spans of one traced DataSource, shared by every connection and statement it hands out: it finds the
 * deployment's {@link JdbcTelemetry} when statements run, knows the database (read once from the first
 * connection's URL), and begins spans on {@link SpanPath}, adding the database's attributes to a failure.
 * Nothing here throws: a failure to trace leaves the statement untraced.
 */
final class JdbcSpans implements SpanPath.FailureAttributes {
  private static final Logger LOG = Logger.getLogger(JdbcSpans.class.getName());

  private final String connectionSpanName;
  private final String connectionFunction;
  /** The tracing last found; read on every execution, so a volatile read and a comparison are the cost. */
  @Nullable private volatile JdbcTelemetry tracing;
  @Nullable private volatile DbInfo dbInfo;

  JdbcSpans(Class<?> dataSourceClass, @Nullable JdbcTelemetry given) {
    this.connectionSpanName = dataSourceClass.getSimpleName() + ".getConnection";
    this.connectionFunction = dataSourceClass.getName() + ".getConnection";
    this.tracing = given;
  }

  /**
   * The tracing of the deployment the calling thread works for, or null when it is not traced. The
   * tracing found last is kept: while it serves the thread's context class loader and is on, this takes
   * no lookup. Otherwise the deployment is looked up again, so a DataSource wrapped before tracing started,
   * or used again after a redeploy, finds the tracing that is current.
   */
  @Nullable
  JdbcTelemetry tracing() {
    JdbcTelemetry t = tracing;
    ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
    if (t != null && t.serves(contextLoader) && t.active()) {
      return t;
    }
    return find(t, contextLoader);
  }

  @Nullable
  private JdbcTelemetry find(@Nullable JdbcTelemetry last, ClassLoader contextLoader) {
    if (last != null && last.deployment() == null) {
      return null; // given tracing that is off: nothing to find
    }
    if (last != null && !last.active()) {
      // Undeployed (tracing once on is off only after undeploy): let go of that deployment's SDK and
      // class loader, even if this DataSource outlives it.
      tracing = null;
      last = null;
    }
    try {
      DeploymentTracing deployment = Deployments.current();
      Telemetry telemetry = deployment == null ? null : deployment.active();
      if (telemetry == null) {
        return null;
      }
      JdbcTelemetry found = last != null && last.deployment() == deployment
          ? last.found(deployment, contextLoader)
          : JdbcTelemetry.of(deployment, telemetry, contextLoader);
      tracing = found;
      return found;
    } catch (RuntimeException | LinkageError e) {
      TelemetryFailures.report("JDBC: finding the deployment's tracing", e);
      return null;
    }
  }

  /** The database, read from the connection's metadata the first time a span needs it. */
  DbInfo dbInfo(Connection connection) {
    DbInfo db = dbInfo;
    if (db == null) {
      String url = null;
      String product = null;
      try {
        DatabaseMetaData metaData = connection.getMetaData();
        url = metaData.getURL();
        if (!JdbcUrl.knowsSystem(url)) {
          product = metaData.getDatabaseProductName();
        }
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.FINE, "Mackerel tracing: could not read the database's metadata", e);
      }
      db = JdbcUrl.parse(url, product);
      dbInfo = db;
    }
    return db;
  }

  /**
   * Begins the CLIENT span of one execution on {@code connection}, or returns null when none is to be made
   * (no tracing, no parent, the sampler would drop it).
   *
   * @param statement what knows the text when the execute method names none, asked only when a span is made
   * @param sql the text passed to the execute method, or null (the prepared text, or the batch's)
   */
  @Nullable
  Span beginStatement(Connection connection, TracedStatements statement, @Nullable String sql, boolean batch) {
    JdbcTelemetry t = tracing();
    Context parent = t == null ? null : t.parent();
    if (parent == null) {
      return null;
    }
    try {
      DbInfo db = dbInfo(connection);
      int batchSize = batch ? statement.batchSizeAttribute() : -1;
      SqlInfo info = sql != null ? db.sanitizer.info(sql) : statement.sqlInfo(db, batch);
      SpanBuilder builder = t.tracer()
          .spanBuilder(info.summary != null ? info.summary : db.systemName)
          .setParent(parent)
          .setSpanKind(SpanKind.CLIENT)
          .setAllAttributes(t.legacyAttributes() ? db.legacyAttributes : db.attributes);
      if (info.queryText != null) {
        builder.setAttribute(JdbcAttributes.DB_QUERY_TEXT, info.queryText);
        if (t.legacyAttributes()) {
          builder.setAttribute(JdbcAttributes.LEGACY_DB_STATEMENT, info.queryText);
        }
      }
      if (info.summary != null) {
        builder.setAttribute(JdbcAttributes.DB_QUERY_SUMMARY, info.summary);
      }
      if (info.operationName != null) {
        builder.setAttribute(JdbcAttributes.DB_OPERATION_NAME, info.operationName);
      }
      if (info.collectionName != null) {
        builder.setAttribute(JdbcAttributes.DB_COLLECTION_NAME, info.collectionName);
      }
      if (info.storedProcedureName != null) {
        builder.setAttribute(JdbcAttributes.DB_STORED_PROCEDURE_NAME, info.storedProcedureName);
      }
      if (batchSize >= 0) {
        builder.setAttribute(JdbcAttributes.DB_OPERATION_BATCH_SIZE, (long) batchSize);
      }
      return builder.startSpan();
    } catch (RuntimeException | LinkageError e) {
      TelemetryFailures.report("JDBC: starting a statement span", e);
      return null;
    }
  }

  /** Begins the span of one getConnection() call, or returns null when none is wanted. */
  @Nullable
  Span beginConnection() {
    JdbcTelemetry t = tracing();
    Context parent = t == null || !t.connectionSpans() ? null : t.parent();
    if (parent == null) {
      return null;
    }
    try {
      SpanBuilder builder = t.tracer()
          .spanBuilder(connectionSpanName)
          .setParent(parent)
          .setSpanKind(SpanKind.INTERNAL)
          .setAttribute(JdbcAttributes.CODE_FUNCTION_NAME, connectionFunction);
      DbInfo db = dbInfo;
      if (db != null) {
        builder.setAllAttributes(t.legacyAttributes() ? db.legacyAttributes : db.attributes);
      }
      return builder.startSpan();
    } catch (RuntimeException | LinkageError e) {
      TelemetryFailures.report("JDBC: starting a connection span", e);
      return null;
    }
  }

  /**
   * A failed operation's {@code db.response.status_code} (see {@link DbInfo#statusCode}), which the semantic
   * conventions make its {@code error.type} too; null (the class name) for errors that carry no code.
   */
  @Override
  @Nullable
  public String addTo(Span span, Throwable error) {
    if (!(error instanceof SQLException)) {
      return null;
    }
    DbInfo db = dbInfo;
    SQLException sqlError = (SQLException) error;
    String status = db != null ? db.statusCode(sqlError) : sqlError.getSQLState();
    if (status != null) {
      span.setAttribute(JdbcAttributes.DB_RESPONSE_STATUS_CODE, status);
    }
    return status;
  }
}
