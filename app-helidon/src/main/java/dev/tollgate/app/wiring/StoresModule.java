package dev.tollgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.tollgate.adapter.journal.JournalSettings;
import dev.tollgate.adapter.journal.JournaledSpendLedger;
import dev.tollgate.adapter.memory.CachingKeyStore;
import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.adapter.postgres.PostgresStores;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.AdminStores;
import dev.tollgate.service.Stores;
import java.time.Clock;
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
  /** The administration stores of the backend {@link #stores} opened. */
  private AdminStores admin;

  public StoresModule(Closer closer) {
    this.closer = closer;
  }

  @Provides
  @Singleton
  Stores stores(GatewayConfig config) {
    StoreSettings store = config.store();
    if (!store.isDurable()) {
      admin = InMemoryStores.admin();
      return InMemoryStores.create();
    }
    Database database = closer.register(Database.open(config));
    database.prepareSchema();
    PostgresStores pg = closer.register(database.stores());
    Stores s = pg.stores();
    admin = pg.admin();
    JournaledSpendLedger ledger = closer.register(
        JournaledSpendLedger.open(s.ledger(), JournalSettings.defaults(store.journalDirectory())));
    KeyStore keys = new CachingKeyStore(s.keys(), Clock.systemUTC(), refresher(),
        CachingKeyStore.Settings.defaults());
    return new Stores(keys, s.budgets(), s.rates(), s.slots(), ledger, s.prices(), s.models(),
        s.tenants());
  }

  @Provides
  @Singleton
  AdminStores adminStores(Stores stores) {
    return admin; // opened with the stores, from the same backend
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
