/**
 * Budget alerts by webhook: the events Tollgate raises (once per scope and period, by an
 * idempotency key), the subscriptions that want them, the outbox rows that carry them, the
 * Standard Webhooks signature and the bounded retry schedule. Pure values and policies; delivery
 * and storage are ports.
 */
package dev.tollgate.domain.webhook;
