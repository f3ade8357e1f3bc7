/**
 * The spend ledger's vocabulary: one entry per request id, append-only, with idempotent results
 * modelled on TigerBeetle's ({@code exists}, {@code exists_with_different_...}), and the questions
 * asked of it: a spend query, its totals and their grouping.
 */
package dev.tollgate.domain.ledger;
