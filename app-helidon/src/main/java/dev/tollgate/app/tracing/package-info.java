/**
 * Tracing: OpenTelemetry spans for each {@code /v1} request (a server span, and children for
 * admission, the data-plane call and settlement), exported over OTLP/HTTP by the OpenTelemetry
 * SDK, with the W3C trace context continued from the client and passed on to the data plane.
 * The HTTP layer marks phases through {@link dev.tollgate.app.http.RequestSpan}; this package is
 * the only one that names OpenTelemetry. Settings and attributes: docs/observability.md#traces.
 */
package dev.tollgate.app.tracing;
