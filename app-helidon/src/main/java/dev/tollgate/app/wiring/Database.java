package dev.tollgate.app.wiring;

import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.adapter.postgres.EmbeddedPostgresDatabase;
import dev.tollgate.adapter.postgres.PostgresMigrations;
import dev.tollgate.adapter.postgres.PostgresPool;
import dev.tollgate.adapter.postgres.PostgresStores;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.Secret;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.port.out.StoreUnavailableException;
import java.net.URLEncoder;
import java.sql.Connection;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The durable store's database: the configured PostgreSQL, or the embedded one the service runs
 * itself; its pool; and its schema, migrated at start or checked against what this build needs.
 */
public final class Database implements AutoCloseable {

  private final StoreSettings settings;
  private final Optional<EmbeddedPostgresDatabase> embedded;
  private final HikariDataSource pool;
  /** For migrations, which run outside the pool and its statement timeout. */
  private final String url;

  private Database(StoreSettings settings, Optional<EmbeddedPostgresDatabase> embedded,
      HikariDataSource pool, String url) {
    this.settings = settings;
    this.embedded = embedded;
    this.pool = pool;
    this.url = url;
  }

  public static Database open(GatewayConfig config) {
    StoreSettings s = config.store();
    Optional<EmbeddedPostgresDatabase> embedded = s.type().equals("embedded")
        ? Optional.of(EmbeddedPostgresDatabase.start(s.dataDirectory()))
        : Optional.empty();
    try {
      String url = embedded.map(EmbeddedPostgresDatabase::jdbcUrl)
          .orElseGet(() -> withPassword(s.jdbcUrl().orElseThrow(), config.databasePassword()));
      HikariDataSource pool = PostgresPool.open(url,
          new PostgresPool.Settings(s.poolSize(), s.connectionTimeout(), s.statementTimeout()));
      return new Database(s, embedded, pool, url);
    } catch (RuntimeException e) {
      embedded.ifPresent(EmbeddedPostgresDatabase::close);
      throw e;
    }
  }

  /**
   * The owner closes this database at the JVM's exit, after its drain (a server's exit hook): the
   * embedded PostgreSQL then waits for that close instead of stopping under the drain.
   */
  public Database ownerClosesFirst() {
    embedded.ifPresent(EmbeddedPostgresDatabase::ownerClosesFirst);
    return this;
  }

  /** Migrates (when the server may) or refuses a schema older than this build needs. */
  public void prepareSchema() {
    if (settings.migrateAtStart()) {
      migrate();
      return;
    }
    Optional<String> current = PostgresMigrations.currentVersion(pool, settings.schema());
    if (current.isEmpty() || !current.get().equals(PostgresMigrations.LATEST_VERSION)) {
      throw new IllegalStateException("schema '" + settings.schema() + "' is at version "
          + current.orElse("none") + " but this server needs version "
          + PostgresMigrations.LATEST_VERSION + "; run `tollgate migrate` first (or set "
          + "tollgate.store.migrate-at-start=true)");
    }
  }

  /** Throws {@link StoreUnavailableException} unless the database answers within a second. */
  public void ping() {
    try (Connection c = pool.getConnection()) {
      if (!c.isValid(1)) {
        throw new StoreUnavailableException("the database did not answer a ping");
      }
    } catch (SQLException | RuntimeException e) {
      throw e instanceof StoreUnavailableException s ? s
          : new StoreUnavailableException("the database is unreachable", e);
    }
  }

  public PostgresMigrations.Result migrate() {
    return PostgresMigrations.migrate(PostgresPool.unpooled(url), settings.schema());
  }

  PostgresStores stores() {
    return PostgresStores.overPool(pool, settings.schema());
  }

  @Override
  public void close() {
    pool.close();
    embedded.ifPresent(EmbeddedPostgresDatabase::close);
  }

  private static String withPassword(String url, Optional<Secret> password) {
    if (password.isEmpty()) {
      return url;
    }
    String encoded = URLEncoder.encode(password.get().reveal(), StandardCharsets.UTF_8);
    return url + (url.contains("?") ? "&" : "?") + "password=" + encoded;
  }
}
