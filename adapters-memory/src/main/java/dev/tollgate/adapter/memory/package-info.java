/**
 * In-memory implementations of every store: thread-safe, passing every port contract. The default
 * for embedding Tollgate in one process and the fast double in tests. Nothing here survives a
 * restart; the PostgreSQL adapter is the durable backend.
 */
package dev.tollgate.adapter.memory;
