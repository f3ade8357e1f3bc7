/**
 * Reconciliation of the ledger against the data plane's own counters: the token totals a data
 * plane reports (cumulative counters that restart at zero with its process), the difference per
 * model over one time bucket, and the threshold past which a difference is a mismatch. Pure values;
 * scraping, storage and alerting are ports.
 */
package dev.tollgate.domain.reconcile;
