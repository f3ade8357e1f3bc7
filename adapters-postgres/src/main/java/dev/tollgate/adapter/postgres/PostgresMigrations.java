package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.StoreUnavailableException;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The schema, by the versioned Flyway migrations in {@code db/migration}, applied to one named
 * schema (created if missing; Flyway's history table lives there too). The migration SQL names its
 * schema through the {@code flyway:defaultSchema} placeholder, so one database can hold several
 * Tollgate schemas (tests use one per test class).
 */
public final class PostgresMigrations {

  /**
   * The version the migrations in this jar lead to. A new migration raises it; the migration test
   * fails until it does.
   */
  public static final String LATEST_VERSION = "31";

  /** What a migration did: how many migrations ran and the schema version after them. */
  public record Result(int applied, String version) {}

  private PostgresMigrations() {}

  /** Applies every pending migration; a schema already up to date is left alone. */
  public static Result migrate(DataSource dataSource, String schema) {
    try {
      MigrateResult result = flyway(dataSource, schema).migrate();
      // Up to date, Flyway names the version it found; a second Flyway to read it again scanned
      // the class path and queried the history anew, 120-180 ms of every start (docs/benchmarks.md).
      String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
          : result.initialSchemaVersion != null ? result.initialSchemaVersion
          : currentVersion(dataSource, schema).orElse(null);
      return new Result(result.migrationsExecuted, version);
    } catch (FlywayException e) {
      throw new StoreUnavailableException("migrating schema " + schema + " failed", e);
    }
  }

  /** The version the schema is at; empty when no migration ever ran there. */
  public static Optional<String> currentVersion(DataSource dataSource, String schema) {
    try {
      MigrationInfo current = flyway(dataSource, schema).info().current();
      return Optional.ofNullable(current).map(c -> c.getVersion().getVersion());
    } catch (FlywayException e) {
      throw new StoreUnavailableException("reading the version of schema " + schema + " failed", e);
    }
  }

  private static Flyway flyway(DataSource dataSource, String schema) {
    return Flyway.configure()
        .dataSource(dataSource)
        .schemas(Db.requireSchema(schema))
        .defaultSchema(schema)
        .createSchemas(true)
        .locations("classpath:db/migration")
        .load();
  }
}
