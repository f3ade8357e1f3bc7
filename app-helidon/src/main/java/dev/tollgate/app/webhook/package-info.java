/**
 * Budget alerts by webhook in the running service: the JDK HTTP client that POSTs deliveries, and
 * the two background threads (one judging what the request path reported, one sending what is
 * due in the outbox) started with the server and stopped with it.
 */
package dev.tollgate.app.webhook;
