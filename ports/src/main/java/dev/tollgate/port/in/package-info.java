/**
 * Inbound ports: the use cases a host (the HTTP service, the CLI, an embedding application)
 * calls, each a verb phrase taking a {@code *Command} and answering a value.
 */
package dev.tollgate.port.in;
