package io.github.mackereltracing.internal.export;

import io.opentelemetry.exporter.internal.FailedExportException;

/** Reads what the OTLP exporter says about a failed export. */
final class ExportFailures {
  private ExportFailures() {}

  /** The HTTP status of a failed export, or 0 when there was no response (or it cannot be told). */
  static int httpStatus(Throwable failure) {
    try {
      // The exporter's failure type is internal to OpenTelemetry: pinned by the BOM, and guarded so that
      // a change there only costs us the status code, never an exception.
      if (failure instanceof FailedExportException.HttpExportException) {
        FailedExportException.HttpExportException http = (FailedExportException.HttpExportException) failure;
        if (http.failedWithResponse() && http.getResponse() != null) {
          return http.getResponse().getStatusCode();
        }
      }
    } catch (LinkageError | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  static String describe(Throwable failure, int status) {
    if (status != 0) {
      return "HTTP " + status;
    }
    if (failure == null) {
      return "unknown";
    }
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof UrlConnectionSender.RetryAfterException) {
      return cause.getMessage(); // says it all: "HTTP 429 with Retry-After 60 s: not sent before that time"
    }
    return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }
}
