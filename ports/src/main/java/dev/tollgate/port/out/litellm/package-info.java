/**
 * What Tollgate reads from a LiteLLM proxy's database to take its place: organizations, teams,
 * users, virtual keys (by their stored SHA-256), end users, models and their budgets and spend, as
 * LiteLLM recorded them. Dollar amounts arrive as the exact decimals PostgreSQL prints for LiteLLM's
 * floats; turning them into nano-USD is the import service's decision, not the reader's.
 */
package dev.tollgate.port.out.litellm;
