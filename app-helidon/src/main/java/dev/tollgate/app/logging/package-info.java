/**
 * Logging: SLF4J over Logback, with {@code java.util.logging} (Helidon's, and Tollgate's own
 * older loggers) bridged into it, so every line has one format: text for people (the quick
 * start's default) or one JSON object per line for pipelines ({@code tollgate.logging.format});
 * and the access log, one line per {@code /v1} request. What is logged is built from ids and
 * counts, never from a value that carries a secret (docs/observability.md#logs).
 */
package dev.tollgate.app.logging;
