/**
 * The operator's command line, {@code tollgate <group> <command> [--flags]}: tenants, teams, keys,
 * budgets, limits, prices, spend and audit, over the same administration use cases as the admin
 * HTTP API, acting as the platform ({@code cli:<user>} in the audit log). Commands take an
 * {@link dev.tollgate.service.Administration} and a pair of print streams, so tests run them over
 * the in-memory stores; only {@code dev.tollgate.app.wiring.AdminBackend} opens the durable store.
 * Exit codes: 0 done, 1 refused (the reason on stderr), 2 usage error (with the command's help).
 */
package dev.tollgate.app.cli;
