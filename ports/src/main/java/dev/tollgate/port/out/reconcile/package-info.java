/**
 * What reconciliation needs from outside: the data plane's own token counters (read from its
 * metrics endpoint), and a shared store where replicas claim buckets, keep the last reading of the
 * counters and the reports.
 */
package dev.tollgate.port.out.reconcile;
