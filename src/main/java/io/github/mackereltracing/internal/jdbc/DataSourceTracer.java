package io.github.mackereltracing.internal.jdbc;

import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tracing side of one traced DataSource, shared by every connection and statement it hands out: it
 * finds the deployment's tracing when statements run, knows the database (read once from the first
 * connection's URL), and starts and ends spans. Nothing here throws: a failure to trace leaves the
 * statement untraced.
 */
final class DataSourceTracer {
  private static final Logger LOG = Logger.getLogger("io.github.mackereltracing");
  private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
  private static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

  private final String connectionSpanName;
  private final String connectionFunction;
  /** The tracing last found; read on every execution, so a volatile read and a comparison are the cost. */
  private volatile JdbcTracing tracing;
  private volatile DbInfo dbInfo;
  private volatile boolean warned;

  DataSourceTracer(Class<?> dataSourceClass, JdbcTracing given) {
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
  JdbcTracing tracing() {
    JdbcTracing t = tracing;
    ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
    if (t != null && t.serves(contextLoader) && t.active()) {
      return t;
    }
    return find(t, contextLoader);
  }

  private JdbcTracing find(JdbcTracing last, ClassLoader contextLoader) {
    if (last != null && last.deployment == null) {
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
      if (deployment == null || !deployment.enabled()) {
        return null;
      }
      JdbcTracing found = last != null && last.deployment == deployment
          ? last.forLoader(contextLoader)
          : JdbcTracing.of(deployment, contextLoader);
      tracing = found;
      return found;
    } catch (RuntimeException | LinkageError e) {
      warnOnce("could not find the deployment's tracing", e);
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
   * Starts the CLIENT span of one statement execution; null when it cannot be made.
   *
   * @param batchSize the number of statements of a batch (0 or at least 2), or -1 for a single statement
   */
  Span startStatement(JdbcTracing t, Context parent, DbInfo db, SqlInfo sql, int batchSize) {
    try {
      SpanBuilder builder = t.tracer
          .spanBuilder(sql.summary != null ? sql.summary : db.systemName)
          .setParent(parent)
          .setSpanKind(SpanKind.CLIENT)
          .setAllAttributes(t.legacyAttributes ? db.legacyAttributes : db.attributes);
      if (sql.queryText != null) {
        builder.setAttribute(JdbcAttributes.DB_QUERY_TEXT, sql.queryText);
        if (t.legacyAttributes) {
          builder.setAttribute(JdbcAttributes.LEGACY_DB_STATEMENT, sql.queryText);
        }
      }
      if (sql.summary != null) {
        builder.setAttribute(JdbcAttributes.DB_QUERY_SUMMARY, sql.summary);
      }
      if (sql.operationName != null) {
        builder.setAttribute(JdbcAttributes.DB_OPERATION_NAME, sql.operationName);
      }
      if (sql.collectionName != null) {
        builder.setAttribute(JdbcAttributes.DB_COLLECTION_NAME, sql.collectionName);
      }
      if (sql.storedProcedureName != null) {
        builder.setAttribute(JdbcAttributes.DB_STORED_PROCEDURE_NAME, sql.storedProcedureName);
      }
      if (batchSize >= 0) {
        builder.setAttribute(JdbcAttributes.DB_OPERATION_BATCH_SIZE, (long) batchSize);
      }
      return builder.startSpan();
    } catch (RuntimeException | LinkageError e) {
      warnOnce("could not start a statement span", e);
      return null;
    }
  }

  /** Starts the span of one getConnection() call, or returns null when none is wanted. */
  Span startConnection() {
    JdbcTracing t = tracing();
    if (t == null || !t.connectionSpans) {
      return null;
    }
    Context parent = t.parent();
    if (parent == null) {
      return null;
    }
    try {
      SpanBuilder builder = t.tracer
          .spanBuilder(connectionSpanName)
          .setParent(parent)
          .setSpanKind(SpanKind.INTERNAL)
          .setAttribute(JdbcAttributes.CODE_FUNCTION_NAME, connectionFunction);
      DbInfo db = dbInfo;
      if (db != null) {
        builder.setAllAttributes(t.legacyAttributes ? db.legacyAttributes : db.attributes);
      }
      return builder.startSpan();
    } catch (RuntimeException | LinkageError e) {
      warnOnce("could not start a connection span", e);
      return null;
    }
  }

  /**
   * Records the failure of the operation {@code span} covers: {@code error.type} and {@code
   * db.response.status_code} (see {@link DbInfo#statusCode}), the exception, and status ERROR. A null span
   * is ignored.
   */
  void fail(Span span, Throwable error) {
    if (span == null) {
      return;
    }
    try {
      String status = null;
      if (error instanceof SQLException) {
        DbInfo db = dbInfo;
        SQLException sqlError = (SQLException) error;
        status = db != null ? db.statusCode(sqlError) : sqlError.getSQLState();
      }
      if (status != null) {
        span.setAttribute(JdbcAttributes.DB_RESPONSE_STATUS_CODE, status);
      }
      // The semantic conventions: error.type matches the status code, else names the exception's class.
      span.setAttribute(JdbcAttributes.ERROR_TYPE, status != null ? status : error.getClass().getName());
      ErrorText text = ErrorText.INSTANCE;
      // Drivers quote the statement, literals included (H2, MySQL), or the values at fault (PostgreSQL's
      // "Key (email)=(...)"): the event gets the messages with their literals masked, as db.query.text is.
      span.recordException(error, Attributes.of(
          EXCEPTION_MESSAGE, text.message(error.getMessage()),
          EXCEPTION_STACKTRACE, text.stackTrace(error)));
      span.setStatus(StatusCode.ERROR);
    } catch (RuntimeException | LinkageError e) {
      warnOnce("could not record a failure", e);
    }
  }

  /** Ends a span; a null span is ignored. */
  static void end(Span span) {
    if (span != null) {
      span.end();
    }
  }

  private void warnOnce(String what, Throwable e) {
    if (!warned) {
      warned = true;
      LOG.log(Level.WARNING, "Mackerel tracing: JDBC: " + what + "; the statement runs untraced", e);
    } else {
      LOG.log(Level.FINE, "Mackerel tracing: JDBC: " + what, e);
    }
  }
}
