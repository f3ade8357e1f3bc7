/**
 * Files an operator exchanges with Tollgate: the spend ledger written out as CSV (the admin HTTP
 * API and the CLI both stream it from here) and LiteLLM's price file read in as price versions.
 * Both keep money exact: decimal text in, decimal text out, never a binary float in between.
 */
package dev.tollgate.app.report;
