/**
 * The operator's command line, {@code tollgate <group> <command> [--flags]}: tenants, teams, keys,
 * budgets, limits, prices, spend and audit, over the same administration use cases as the admin
 * HTTP API, acting as the platform ({@code cli:<user>} in the audit log). Commands are picocli
 * classes ({@link dev.tollgate.app.cli.AdminCommand}) that run against a
 * {@link dev.tollgate.app.cli.CliContext}, so tests run them over the in-memory stores; the durable
 * store comes from the composition root ({@code dev.tollgate.app.wiring}). Exit codes: 0 done,
 * 1 refused (the reason on stderr), 2 usage error (with the command's help).
 */
package dev.tollgate.app.cli;
