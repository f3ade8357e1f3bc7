package dev.tollgate.app.wiring;

import dev.tollgate.adapter.postgres.PostgresStores;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.port.in.admin.ManageWebhooks;
import dev.tollgate.port.out.AdminStores;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.out.SecretStore;
import dev.tollgate.port.out.Stores;
import dev.tollgate.port.out.webhook.WebhookStores;
import dev.tollgate.service.Administration;
import dev.tollgate.service.AlertDetector;
import dev.tollgate.service.AlertingAuditLog;
import dev.tollgate.service.SecretsService;
import dev.tollgate.service.WebhookAdminService;
import java.time.Clock;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The administration use cases over the configured durable store, for the CLI: the same database,
 * schema check and stores as the server, without the request path's journal and key cache (the
 * CLI appends no spend, and must see a key change at once). Closing it closes the database.
 */
public final class AdminBackend implements AutoCloseable {

  private final Database database;
  private final GatewayConfig config;
  private final Administration administration;
  private final ModelCatalog models;
  private final Stores stores;
  private final Clock clock;
  private final RandomGenerator random;

  private AdminBackend(Database database, Administration administration, Stores stores,
      GatewayConfig config, Clock clock, RandomGenerator random) {
    this.config = config;
    this.clock = clock;
    this.random = random;
    this.database = database;
    this.administration = administration;
    this.models = stores.models();
    this.stores = stores;
  }

  /**
   * Opens the store {@code tollgate.store} names; it must be durable (embedded or postgres). The
   * root ({@link Root#administration}) hands in its clock and randomness.
   */
  static AdminBackend open(GatewayConfig config, Clock clock, RandomGenerator random) {
    if (!config.store().isDurable()) {
      throw new IllegalArgumentException("a memory store has nothing to administer from outside");
    }
    Database database = Database.open(config);
    try {
      database.prepareSchema();
      PostgresStores pg = database.stores();
      Stores stores = pg.stores();
      Administration admin =
          Administration.create(stores, alerting(pg, stores, config, clock), clock, random);
      return new AdminBackend(database, admin, stores, config, clock, random);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** A key blocked from the CLI raises {@code key.blocked} as one blocked through the API does. */
  private static AdminStores alerting(PostgresStores pg, Stores stores, GatewayConfig config,
      Clock clock) {
    AdminStores admin = pg.admin();
    if (!config.webhooks().enabled()) {
      return admin;
    }
    WebhookStores webhooks = pg.webhooks();
    AlertDetector detector = new AlertDetector(stores.budgets(), webhooks.subscriptions(),
        webhooks.outbox(), config.webhooks().alerts(), clock);
    return new AdminStores(admin.directory(), new AlertingAuditLog(admin.audit(), detector),
        admin.idempotency());
  }

  public Administration administration() {
    return administration;
  }

  /**
   * Webhook subscriptions over the same database, their secrets sealed under the configured salt
   * key (as the server resolves it, never generating one); no detector runs here, the server's
   * does.
   */
  public Optional<ManageWebhooks> webhooks() {
    PostgresStores pg = database.stores();
    SecretStore secrets = pg.secrets();
    SecretsService sealer = new SecretsService(secrets,
        SaltKeySource.resolve(config, false, random).key(), random);
    WebhookStores webhooks = pg.webhooks();
    return Optional.of(new WebhookAdminService(new WebhookAdminService.Parts(
        webhooks.subscriptions(), webhooks.outbox(), sealer, secrets, pg.admin().directory(),
        pg.admin().audit(), () -> { }), clock, random));
  }

  /** The models the server serves (it records them at start). */
  public ModelCatalog models() {
    return models;
  }

  /** The stores themselves, for an import that writes what no use case takes (a key's hash). */
  public Stores stores() {
    return stores;
  }

  @Override
  public void close() {
    database.close();
  }
}
