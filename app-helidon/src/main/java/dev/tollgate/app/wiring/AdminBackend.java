package dev.tollgate.app.wiring;

import dev.tollgate.adapter.postgres.PostgresStores;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.out.Stores;
import dev.tollgate.service.Administration;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * The administration use cases over the configured durable store, for the CLI: the same database,
 * schema check and stores as the server, without the request path's journal and key cache (the
 * CLI appends no spend, and must see a key change at once). Closing it closes the database.
 */
public final class AdminBackend implements AutoCloseable {

  private final Database database;
  private final Administration administration;
  private final ModelCatalog models;
  private final Stores stores;

  private AdminBackend(Database database, Administration administration, Stores stores) {
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
          Administration.create(stores, pg.admin(), clock, random);
      return new AdminBackend(database, admin, stores);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  public Administration administration() {
    return administration;
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
