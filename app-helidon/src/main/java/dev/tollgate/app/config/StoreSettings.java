package dev.tollgate.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where keys, budgets, limits, prices and spend live.
 *
 * @param type {@code embedded} (a PostgreSQL the service runs itself, data under
 *     {@code dataDirectory}; the default), {@code postgres} (the database at {@code jdbcUrl}), or
 *     {@code memory} (nothing survives a restart; tests and embedding)
 * @param jdbcUrl for {@code postgres}; its password comes from {@code TOLLGATE_DATABASE_PASSWORD}
 * @param migrateAtStart apply migrations at start; off, the server refuses a schema older than it
 *     needs and {@code tollgate migrate} (a deployment job) applies them
 * @param journalDirectory the local spend journal every record reaches before the database
 * @param allowRequestsOnDbUnavailable while the database is unreachable, keep serving known keys
 *     from local state (budget leases, rate windows, slots, last-known keys and catalogs) with the
 *     journal carrying the ledger; off, every request is a 503 until it is back
 * @param statementTimeout how long one statement may run before it is cancelled; a read on a
 *     silent connection is given up after three times this (the driver's socket timeout)
 * @param connectionTimeout how long a caller waits for a connection from the pool, and the
 *     driver for a new one to open
 * @param sharedState where replicas share rate windows, slots and budget holds
 */
public record StoreSettings(
    String type,
    Optional<String> jdbcUrl,
    String schema,
    boolean migrateAtStart,
    Path dataDirectory,
    Path journalDirectory,
    int poolSize,
    boolean allowRequestsOnDbUnavailable,
    Duration statementTimeout,
    Duration connectionTimeout,
    SharedStateSettings sharedState) {

  public static final List<String> TYPES = List.of("embedded", "postgres", "memory");
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public StoreSettings {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("tollgate.store.type '" + type + "' is not one of " + TYPES);
    }
    if (type.equals("postgres") && jdbcUrl.isEmpty()) {
      throw new IllegalArgumentException("tollgate.store.jdbc-url is required for postgres");
    }
    if (!SCHEMA.matcher(schema).matches()) {
      throw new IllegalArgumentException("tollgate.store.schema must match " + SCHEMA + ": " + schema);
    }
    if (poolSize < 1 || poolSize > 64) {
      throw new IllegalArgumentException("tollgate.store.pool-size must be 1..64: " + poolSize);
    }
    if (statementTimeout.toSeconds() < 1 || statementTimeout.toMinutes() > 10) {
      throw new IllegalArgumentException("tollgate.store.statement-timeout must be 1 s..10 min");
    }
    if (connectionTimeout.toMillis() < 250 || connectionTimeout.toMinutes() > 10) {
      throw new IllegalArgumentException("tollgate.store.connection-timeout must be 250 ms..10 min");
    }
    if (sharedState.isRedis() && type.equals("memory")) {
      throw new IllegalArgumentException(
          "tollgate.shared-state redis needs a durable store: the ledger stays in PostgreSQL");
    }
  }

  /** As the canonical constructor, sharing state through PostgreSQL leases (the default). */
  public StoreSettings(String type, Optional<String> jdbcUrl, String schema, boolean migrateAtStart,
      Path dataDirectory, Path journalDirectory, int poolSize, boolean allowRequestsOnDbUnavailable,
      Duration statementTimeout, Duration connectionTimeout) {
    this(type, jdbcUrl, schema, migrateAtStart, dataDirectory, journalDirectory, poolSize,
        allowRequestsOnDbUnavailable, statementTimeout, connectionTimeout,
        SharedStateSettings.DEFAULT);
  }

  /** The same settings with another shared state. */
  public StoreSettings withSharedState(SharedStateSettings value) {
    return new StoreSettings(type, jdbcUrl, schema, migrateAtStart, dataDirectory,
        journalDirectory, poolSize, allowRequestsOnDbUnavailable, statementTimeout,
        connectionTimeout, value);
  }

  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

  /** As the canonical constructor, with the default timeouts. */
  public StoreSettings(String type, Optional<String> jdbcUrl, String schema, boolean migrateAtStart,
      Path dataDirectory, Path journalDirectory, int poolSize, boolean allowRequestsOnDbUnavailable) {
    this(type, jdbcUrl, schema, migrateAtStart, dataDirectory, journalDirectory, poolSize,
        allowRequestsOnDbUnavailable, DEFAULT_STATEMENT_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT);
  }

  /** As the canonical constructor, allowing requests while the database is unavailable. */
  public StoreSettings(String type, Optional<String> jdbcUrl, String schema, boolean migrateAtStart,
      Path dataDirectory, Path journalDirectory, int poolSize) {
    this(type, jdbcUrl, schema, migrateAtStart, dataDirectory, journalDirectory, poolSize, true);
  }

  /** In memory: what tests and the embedding path use. */
  public static StoreSettings memory() {
    return new StoreSettings("memory", Optional.empty(), "tollgate", true,
        Path.of(".tollgate", "pgdata"), Path.of(".tollgate", "journal"), 10);
  }

  public boolean isDurable() {
    return !type.equals("memory");
  }
}
