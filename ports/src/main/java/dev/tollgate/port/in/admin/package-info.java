/**
 * The administration use cases: tenants, teams, keys, budgets and limits, prices, spend reports and
 * the audit log. Every call names its {@link dev.tollgate.domain.tenancy.Actor}; a tenant admin's
 * calls see only its own tenant, and anything else answers {@link
 * dev.tollgate.port.in.admin.AdminResult.NotFound} as if it did not exist. The HTTP API and the CLI
 * both call these, so the rules live here once.
 */
package dev.tollgate.port.in.admin;
