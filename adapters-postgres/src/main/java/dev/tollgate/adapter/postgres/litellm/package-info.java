/**
 * Reads a LiteLLM proxy's PostgreSQL database (its Prisma schema's tables) for the import: plain
 * JDBC on a read-only connection in one read-only, repeatable-read transaction, nothing written.
 */
package dev.tollgate.adapter.postgres.litellm;
