/**
 * What budget alerts need from the outside: where subscriptions live, the durable outbox their
 * deliveries wait in (unique per subscription and event key, claimed by one replica at a time),
 * and the HTTP client that POSTs them.
 */
package dev.tollgate.port.out.webhook;
