package dev.tollgate.app.config;

import java.nio.file.Path;
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
 */
public record StoreSettings(
    String type,
    Optional<String> jdbcUrl,
    String schema,
    boolean migrateAtStart,
    Path dataDirectory,
    Path journalDirectory,
    int poolSize,
    boolean allowRequestsOnDbUnavailable) {

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
