/**
 * Budgets and holds: a limit per scope (tenant, team, key, key x model) over a period derived from
 * the clock, and the account that keeps {@code posted + held <= limit} by holding the most a
 * request can cost before it runs and posting what it did cost after.
 */
package dev.tollgate.domain.budget;
