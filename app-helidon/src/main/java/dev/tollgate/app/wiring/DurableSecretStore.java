package dev.tollgate.app.wiring;

import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.port.out.SecretStore;

/** The secret store of the configured durable database, for the commands that run without a server. */
public final class DurableSecretStore implements AutoCloseable {

  private final Database database;
  private final SecretStore store;

  private DurableSecretStore(Database database, SecretStore store) {
    this.database = database;
    this.store = store;
  }

  /** Opens the database and prepares its schema as a starting server would. */
  static DurableSecretStore open(GatewayConfig config) {
    Database database = Database.open(config);
    try {
      database.prepareSchema();
      return new DurableSecretStore(database, database.stores().secrets());
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  public SecretStore store() {
    return store;
  }

  @Override
  public void close() {
    database.close();
  }
}
