package dev.tollgate.adapter.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.port.out.AdminStores;
import dev.tollgate.port.out.SecretStore;
import dev.tollgate.port.out.Stores;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Every store on one PostgreSQL schema. {@link #create} and {@link #over} use a caller's pool;
 * {@link #open} builds and owns a bounded HikariCP pool, closed with {@link #close}. None migrates:
 * run {@link PostgresMigrations#migrate} first (a deployment job, or the app at start).
 */
public final class PostgresStores implements AutoCloseable {

  private final HikariDataSource pool;
  private final Db db;
  private final Stores stores;
  private final PostgresSecretStore secrets;
  private final DataSource source;

  private PostgresStores(HikariDataSource pool, Db db, DataSource source) {
    this.pool = pool;
    this.db = db;
    this.source = source;
    this.stores = new Stores(
        new PostgresKeyStore(db),
        new PostgresBudgetStore(db),
        new PostgresRateWindowStore(db),
        new PostgresSlotStore(db),
        new PostgresSpendLedger(db),
        new PostgresPriceCatalog(db),
        new PostgresModelCatalog(db),
        new PostgresTenantPolicies(db));
    this.secrets = new PostgresSecretStore(db);
  }

  /** The stores of {@code schema} on a pool the caller owns, with the default statement timeout. */
  public static Stores create(DataSource dataSource, String schema) {
    return over(dataSource, schema).stores();
  }

  /** As {@link #create}, keeping the ledger's maintenance at hand; closing leaves the pool open. */
  public static PostgresStores over(DataSource dataSource, String schema) {
    return over(dataSource, schema, PostgresPool.Settings.defaults().statementTimeout());
  }

  /** As {@link #over(DataSource, String)}, each statement cancelled after {@code statementTimeout}. */
  public static PostgresStores over(DataSource dataSource, String schema, Duration statementTimeout) {
    return new PostgresStores(null, Db.create(dataSource, schema, statementTimeout), dataSource);
  }

  /**
   * Begins parsing the stores' SQL for {@code schema} on a thread of its own and returns at once,
   * so a start can do it while it waits for its database and migrations; the next
   * {@link #overPool} or {@link #open} of that schema takes the result.
   */
  public static void parseAhead(String schema) {
    MyBatisConfig.parseAhead(Db.requireSchema(schema));
  }

  /**
   * As {@link #over(DataSource, String)} on a pool from {@link PostgresPool#open}: its connections
   * carry the statement timeout on the server, so no statement sets one through JDBC.
   */
  public static PostgresStores overPool(HikariDataSource pool, String schema) {
    return new PostgresStores(null, Db.create(pool, schema, null), pool);
  }

  /** The stores of {@code schema} on a pool of their own. */
  public static PostgresStores open(String jdbcUrl, String schema, PostgresPool.Settings settings) {
    Db.requireSchema(schema);
    HikariDataSource pool = PostgresPool.open(jdbcUrl, settings);
    return new PostgresStores(pool, Db.create(pool, schema, null), pool);
  }

  public Stores stores() {
    return stores;
  }

  /**
   * The administration stores on this schema. They keep no state of their own, so each call
   * answers fresh adapters over the same pool.
   */
  public AdminStores admin() {
    return new AdminStores(
        new PostgresTenantDirectory(db), new PostgresAuditLog(db), new PostgresIdempotencyStore(db));
  }

  /** LiteLLM-style budget templates and their followers on this schema. */
  public dev.tollgate.port.out.BudgetTemplates budgetTemplates() {
    return new PostgresBudgetTemplates(db);
  }

  /** The web console's sessions on this schema (shared by every replica on it). */
  public dev.tollgate.port.out.ConsoleSessionStore consoleSessions() {
    return new PostgresConsoleSessionStore(db);
  }

  /** Reconciliation's shared state on this schema (docs/observability.md). */
  public dev.tollgate.port.out.reconcile.ReconciliationStore reconciliation() {
    return new PostgresReconciliationStore(db);
  }

  /** Webhook subscriptions and their outbox on this schema (shared by every replica on it). */
  public dev.tollgate.port.out.webhook.WebhookStores webhooks() {
    return new dev.tollgate.port.out.webhook.WebhookStores(
        new PostgresWebhookSubscriptions(db), new PostgresWebhookOutbox(db));
  }

  /** Sealed secrets of this schema (beside {@link #stores()}, which every engine needs). */
  public SecretStore secrets() {
    return secrets;
  }

  /** The pool of {@link #open} (to migrate with, or to check health); null otherwise. */
  public DataSource dataSource() {
    return pool;
  }

  /**
   * This process's replica liveness on the schema: one connection of its own, held while it runs
   * (docs/economics.md, "A killed replica's slices"). Close it to end the run's session.
   */
  public PostgresReplicaLiveness liveness() {
    return new PostgresReplicaLiveness(source, db.schema());
  }

  /** Partition creation and retention for the ledger of this schema. */
  public PostgresLedgerMaintenance ledgerMaintenance() {
    return new PostgresLedgerMaintenance(db);
  }

  /** Deadlocks PostgreSQL reported to these stores: zero while the lock order holds. */
  public long deadlocks() {
    return db.deadlocks();
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
  }
}
