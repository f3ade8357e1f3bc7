package dev.tollgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.tollgate.adapter.journal.JournalSettings;
import dev.tollgate.adapter.journal.JournaledSpendLedger;
import dev.tollgate.adapter.journal.ReplicaRuns;
import dev.tollgate.adapter.local.CachingKeyStore;
import dev.tollgate.adapter.local.LeaseSettings;
import dev.tollgate.adapter.local.LocalStores;
import dev.tollgate.adapter.local.StoreHealth;
import dev.tollgate.adapter.memory.InMemoryConsoleSessionStore;
import dev.tollgate.adapter.local.FailoverAdmissionStore;
import dev.tollgate.adapter.local.FailoverBudgetStore;
import dev.tollgate.adapter.local.FailoverRateWindowStore;
import dev.tollgate.adapter.local.FailoverSlotStore;
import dev.tollgate.adapter.local.SharedStateFailover;
import dev.tollgate.adapter.memory.InMemorySecretStore;
import dev.tollgate.adapter.memory.InMemorySpendLedger;
import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.adapter.postgres.PostgresStores;
import dev.tollgate.adapter.redis.RedisSettings;
import dev.tollgate.adapter.redis.RedisStores;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.Secret;
import dev.tollgate.app.config.SharedStateSettings;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.app.http.ServiceStatus;
import dev.tollgate.port.out.AdminStores;
import dev.tollgate.port.out.ConsoleSessionStore;
import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.SecretStore;
import dev.tollgate.port.out.Stores;
import dev.tollgate.service.AlertDetector;
import dev.tollgate.service.AlertingAdmissionStore;
import dev.tollgate.service.AlertingAuditLog;
import dev.tollgate.service.AlertingBudgetStore;
import dev.tollgate.service.AlertingRateWindowStore;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The one place the stores backend is chosen, by {@code tollgate.store.type}. The durable ones
 * (embedded, postgres) put the local spend journal in front of the ledger (a spend record is on
 * local disk before the request is answered, and reaches the database off the request path) and a
 * key cache in front of the keys, and local state over budgets, rate windows, slots and catalogs
 * (adapters-local): no database round trip per request in steady state, and known keys keep
 * working from that state while the database is down, unless
 * {@code tollgate.store.allow-requests-on-db-unavailable} is off.
 */
public final class StoresModule extends AbstractModule {

  /** Longest a graceful stop waits for the journal to reach the ledger before giving leases back. */
  static final java.time.Duration STOP_DRAIN = java.time.Duration.ofSeconds(5);

  /**
   * Ledger entries the memory store keeps one by one (about 65 MB); older ones are folded into
   * per-day totals, so a long-running memory-store service does not grow with requests served.
   */
  static final int MEMORY_LEDGER_RETAINED = 100_000;

  /** How often Redis's epoch is read: how soon an outage, a return or a restart is noticed. */
  static final java.time.Duration REDIS_PROBE_INTERVAL = java.time.Duration.ofMillis(250);

  /**
   * How old a new Redis epoch (a restart) must be before it is trusted: every replica's probe has
   * seen it (within one interval) and placed its running requests' holds and unposted costs on it
   * again, so none admits against a budget another has not rebuilt yet. Within the hand-over.
   */
  static final java.time.Duration REDIS_EPOCH_SETTLED = java.time.Duration.ofSeconds(1);

  /** How often opening Redis at the start is tried before the start fails, and the pause. */
  static final int REDIS_OPEN_ATTEMPTS = 3;
  static final java.time.Duration REDIS_OPEN_PAUSE = java.time.Duration.ofMillis(500);

  private final Closer closer;

  public StoresModule(Closer closer) {
    this.closer = closer;
  }

  @Override
  protected void configure() {
    install(new SecretsModule());
    install(new WebhooksModule(closer));
    install(new ReconciliationModule(closer));
  }

  /** A durable backend: the database (for its health probe) and its stores. */
  record Durable(Database database, PostgresStores pg) {}

  /** The durable backend, opened and its schema prepared once; empty for the memory store. */
  @Provides
  @Singleton
  Optional<Durable> durable(GatewayConfig config) {
    if (!config.store().isDurable()) {
      return Optional.empty();
    }
    // The stores' SQL is parsed while the database starts and the schema is migrated.
    PostgresStores.parseAhead(config.store().schema());
    // The server closes it last (its closer), so the embedded one waits for that at exit.
    Database database = closer.register(Database.open(config)).ownerClosesFirst();
    database.prepareSchema();
    return Optional.of(new Durable(database, closer.register(database.stores())));
  }

  /** Sealed secrets live beside the stores (not in {@link Stores}: the engine never reads them). */
  @Provides
  @Singleton
  SecretStore secretStore(Optional<Durable> durable) {
    return durable.<SecretStore>map(d -> d.pg().secrets()).orElseGet(InMemorySecretStore::new);
  }

  @Provides
  @Singleton
  AdminStores adminStores(Optional<Durable> durable, GatewayConfig config, AlertDetector alerts) {
    AdminStores admin = durable.map(d -> d.pg().admin()).orElseGet(InMemoryStores::admin);
    return config.webhooks().enabled()
        ? new AdminStores(admin.directory(), new AlertingAuditLog(admin.audit(), alerts),
            admin.idempotency())
        : admin; // key.blocked is known where a block is audited
  }

  /** Budget templates (LiteLLM's budget rows), in the database when there is one. */
  @Provides
  @Singleton
  dev.tollgate.port.out.BudgetTemplates budgetTemplates(Optional<Durable> durable) {
    return durable.<dev.tollgate.port.out.BudgetTemplates>map(d -> d.pg().budgetTemplates())
        .orElseGet(dev.tollgate.adapter.memory.InMemoryBudgetTemplates::new);
  }

  /** The web console's sessions, in the database when there is one (shared by replicas). */
  @Provides
  @Singleton
  ConsoleSessionStore consoleSessions(Optional<Durable> durable) {
    return durable.<ConsoleSessionStore>map(d -> d.pg().consoleSessions())
        .orElseGet(InMemoryConsoleSessionStore::new);
  }

  /** The engine's stores and what readiness and metrics report about them, built together. */
  record Backend(Stores stores, ServiceStatus status) {}

  @Provides
  @Singleton
  Backend backend(GatewayConfig config, Optional<Durable> durable, Clock clock,
      RandomGenerator random) {
    StoreSettings store = config.store();
    if (durable.isEmpty()) {
      return new Backend(InMemoryStores.create(InMemorySpendLedger.folding(MEMORY_LEDGER_RETAINED)),
          ServiceStatus.inMemory(clock));
    }
    Database database = durable.get().database();
    Stores s = durable.get().pg().stores();
    StoreHealth health = new StoreHealth(clock, store.allowRequestsOnDbUnavailable());
    Optional<RedisStores> redis = redis(store.sharedState(), s);
    // Redis has its own health (SharedStateFailover): a Redis outage must not make the local
    // state believe the database is down, since the local state is what serves meanwhile.
    Optional<SharedStateFailover> failover = redis.map(r ->
        new SharedStateFailover("Redis", clock, store.allowRequestsOnDbUnavailable(),
            store.sharedState().redisHandOver()));
    Runnable probe = database::ping;
    // This run's name, kept with its journal: a restart gives back its predecessors' lease holds.
    ReplicaRuns runs = closer.register(
        ReplicaRuns.claim(store.journalDirectory(), random));
    LocalStores local = LocalStores.over(s, LeaseSettings.defaults(), runs.run(), health, clock,
        refresher(), probe);
    JournaledSpendLedger ledger = closer.register(JournaledSpendLedger.open(
        local.postingLedger(s.ledger()), JournalSettings.defaults(store.journalDirectory())
            // stuck: longer than one statement may take, so only a silent database trips it
            .withStallAfter(store.statementTimeout().multipliedBy(3).plusSeconds(5))));
    // a crashed run's answers, replayed from now on; its lease holds go back once they are posted
    local.carryUnposted(ledger.unforwarded(), runs.predecessors());
    // Other replicas give a killed run's slices back once its session ended; ends with this one.
    local.watch(closer.register(durable.get().pg().liveness()), runs.predecessors());
    KeyStore keys = new CachingKeyStore(s.keys(), clock, refresher(),
        CachingKeyStore.Settings.defaults(), health::isDegraded);
    closer.register(local.start());
    // Closed first: a graceful stop posts what the journal holds, so that local.close() can give
    // back every slice (none still covers an unposted cost) instead of leaving it to lapse.
    closer.register((AutoCloseable) () -> ledger.drain(STOP_DRAIN));
    Stores served = local.stores(s, keys, ledger);
    if (redis.isPresent()) {
      // Windows, slots and holds exact across replicas in Redis; the journal still posts every
      // cost to the ledger and to PostgreSQL's budgets (postingLedger above), the record of money.
      // While Redis is down the local state (leases, synced windows and slots) serves instead.
      RedisStores r = redis.get();
      SharedStateFailover f = failover.orElseThrow();
      // The epoch fence: scripts run only while Redis has the epoch this replica adopted, and a
      // new one (a restart) is adopted after the cut, then trusted once settled.
      f.onIdentity(r::adopt);
      closer.register(f.startIdentityProbe(() -> {
        var epoch = r.epoch();
        return new SharedStateFailover.Identity(
            epoch.id(), epoch.age().compareTo(REDIS_EPOCH_SETTLED) >= 0);
      }, REDIS_PROBE_INTERVAL));
      // A restarted Redis may be reconnected to before any call fails: cut at once instead.
      r.onConnectionLost(() -> f.connectionLost("disconnected"));
      f.onCut(() -> local.carryUnposted(ledger.unforwarded())); // posted in Redis, not yet in PG
      FailoverBudgetStore budgets =
          new FailoverBudgetStore(r.budgets(), served.budgets(), f, ledger::unforwarded);
      FailoverRateWindowStore rates = new FailoverRateWindowStore(r.rates(), served.rates(), f);
      FailoverSlotStore slots = new FailoverSlotStore(r.slots(), served.slots(), f);
      served = new Stores(served.keys(),
          DurableDefinitions.budgets(budgets, s.budgets()),
          DurableDefinitions.rates(rates, s.rates()),
          DurableDefinitions.slots(slots, s.slots()),
          served.ledger(), served.prices(), served.models(), served.tenants(),
          // a request's slots, windows and hold: one round trip on admission, one at the end
          new FailoverAdmissionStore(r.admissions(), slots, rates, budgets, f));
    }
    return new Backend(served, new ServiceStatus(Optional.of(health), ledger::unforwardedCount,
        ledger::stalledFor, failover, clock));
  }

  /**
   * Redis for {@code tollgate.shared-state: redis}, connected now: an unreachable Redis fails the
   * start with a message naming the (redacted) URI instead of failing requests later.
   */
  private Optional<RedisStores> redis(SharedStateSettings shared, Stores durable) {
    if (!shared.isRedis()) {
      return Optional.empty();
    }
    RedisSettings settings = RedisSettings.of(shared.redisUrl().orElseThrow())
        .withPassword(shared.redisPassword().map(Secret::reveal))
        .withKeyPrefix(shared.redisKeyPrefix())
        .withCommandTimeout(shared.redisCommandTimeout())
        .withConnectTimeout(shared.redisConnectTimeout());
    RedisStores.Durable learnFrom =
        new RedisStores.Durable(durable.budgets(), durable.rates(), durable.slots());
    // A Redis starting beside this process (a restart of both) may refuse the first connection.
    for (int attempt = 1; ; attempt++) {
      try {
        return Optional.of(closer.register(RedisStores.open(settings, learnFrom)));
      } catch (dev.tollgate.port.out.StoreUnavailableException e) {
        if (attempt >= REDIS_OPEN_ATTEMPTS) {
          throw e;
        }
        java.util.logging.Logger.getLogger(StoresModule.class.getName()).warning(
            "opening Redis failed (attempt " + attempt + " of " + REDIS_OPEN_ATTEMPTS + "), retrying: "
                + e.getMessage());
        try {
          Thread.sleep(REDIS_OPEN_PAUSE);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  @Provides
  @Singleton
  Stores stores(Backend backend, GatewayConfig config, AlertDetector alerts) {
    Stores s = backend.stores();
    if (!config.webhooks().enabled()) {
      return s;
    }
    // Budget and rate outcomes reported to the webhook detector as they are answered: one queue
    // offer, no round trip (docs/webhooks.md, "Where events are detected").
    return new Stores(s.keys(), new AlertingBudgetStore(s.budgets(), alerts),
        new AlertingRateWindowStore(s.rates(), alerts), s.slots(), s.ledger(), s.prices(),
        s.models(), s.tenants(), new AlertingAdmissionStore(s.admissions(), alerts));
  }

  @Provides
  @Singleton
  ServiceStatus status(Backend backend) {
    return backend.status();
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
