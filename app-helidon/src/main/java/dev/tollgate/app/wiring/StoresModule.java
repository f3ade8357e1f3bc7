package dev.tollgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.tollgate.adapter.journal.JournalSettings;
import dev.tollgate.adapter.journal.JournaledSpendLedger;
import dev.tollgate.adapter.memory.CachingKeyStore;
import dev.tollgate.adapter.memory.InMemorySecretStore;
import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.adapter.postgres.PostgresStores;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.AdminStores;
import dev.tollgate.port.out.SecretStore;
import dev.tollgate.service.Stores;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one place the stores backend is chosen, by {@code tollgate.store.type}. The durable ones
 * (embedded, postgres) put the local spend journal in front of the ledger (a spend record is on
 * local disk before the request is answered, and reaches the database off the request path) and a
 * key cache in front of the keys (no database lookup per request in steady state; known keys keep
 * working while the database is down).
 */
public final class StoresModule extends AbstractModule {

  private final Closer closer;

  public StoresModule(Closer closer) {
    this.closer = closer;
  }

  @Override
  protected void configure() {
    install(new SecretsModule());
  }

  /** The durable backend, opened and its schema prepared once; empty for the memory store. */
  @Provides
  @Singleton
  Optional<PostgresStores> durable(GatewayConfig config) {
    if (!config.store().isDurable()) {
      return Optional.empty();
    }
    Database database = closer.register(Database.open(config));
    database.prepareSchema();
    return Optional.of(closer.register(database.stores()));
  }

  /** Sealed secrets live beside the stores (not in {@link Stores}: the engine never reads them). */
  @Provides
  @Singleton
  SecretStore secretStore(Optional<PostgresStores> durable) {
    return durable.<SecretStore>map(PostgresStores::secrets).orElseGet(InMemorySecretStore::new);
  }

  @Provides
  @Singleton
  Stores stores(GatewayConfig config, Optional<PostgresStores> durable) {
    StoreSettings store = config.store();
    if (durable.isEmpty()) {
      return InMemoryStores.create();
    }
    Stores s = durable.get().stores();
    JournaledSpendLedger ledger = closer.register(
        JournaledSpendLedger.open(s.ledger(), JournalSettings.defaults(store.journalDirectory())));
    KeyStore keys = new CachingKeyStore(s.keys(), Clock.systemUTC(), refresher(),
        CachingKeyStore.Settings.defaults());
    return new Stores(keys, s.budgets(), s.rates(), s.slots(), ledger, s.prices(), s.models(),
        s.tenants());
  }

  @Provides
  @Singleton
  AdminStores adminStores(Optional<PostgresStores> durable) {
    return durable.map(PostgresStores::admin).orElseGet(InMemoryStores::admin);
  }

  /** Two threads and a bounded queue for background key refreshes; overflow is refused, not queued. */
  private ExecutorService refresher() {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(1024), r -> {
          Thread t = new Thread(r, "tollgate-key-refresh");
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    closer.register((AutoCloseable) executor::shutdownNow);
    return executor;
  }
}
