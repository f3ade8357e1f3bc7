/**
 * Ledger ingest: how fast the spend journal's forwarder drains a backlog into PostgreSQL, the
 * way the service wires it (the journal in front of the ledger and the shared budgets' posting).
 * A main, not a JMH benchmark: one drain of a large backlog is the measurement, and its result is
 * checked (every entry recorded exactly once) before the rate is printed.
 */
package dev.tollgate.benchmarks.ingest;
