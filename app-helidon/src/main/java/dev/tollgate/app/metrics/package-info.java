/**
 * Metrics: Micrometer meters in a Prometheus registry, scraped at {@code /metrics}. The request
 * path records through {@link dev.tollgate.port.out.RequestTelemetry} into meters cached per
 * label combination ({@link SeriesCap}, which also caps the series one metric may have); the
 * service's status and the budgets are read at scrape time from local state. Names, labels and
 * settings: docs/observability.md.
 */
package dev.tollgate.app.metrics;
