package dev.tollgate.adapter.local;

import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.ReplicaLiveness;
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.StoreUnavailableException;
import dev.tollgate.port.out.Stores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local state over one backend's shared stores, and the one daemon thread that keeps it in
 * step: every sync interval it probes the database, then refills and returns budget leases and
 * syncs rate windows and slots. The probe decides whether the service is degraded; a failing
 * shared call marks it degraded too, and the next probe that succeeds clears it.
 */
public final class LocalStores implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(LocalStores.class.getName());

  private final BudgetStore sharedBudgets;
  private final LeasedBudgetStore budgets;
  private final SyncedRateWindowStore rates;
  private final SyncedSlotStore slots;
  private final LastKnownCatalogs catalogs;
  private final StoreHealth health;
  private final Clock clock;
  private final Runnable probe;
  private final Duration interval;
  private final Thread thread;
  private volatile boolean closed;
  /**
   * The pause between rounds, which {@link #close} cuts short. Never an interrupt: a round
   * interrupted in a database call (a pool's wait, the posting gate's) fails, marks the store
   * degraded, and the stop would then leave every slice to lapse instead of giving it back.
   */
  private final Object pause = new Object();

  private LocalStores(Stores shared, LeaseSettings settings, String replica, StoreHealth health,
      Clock clock, Executor refresher, Runnable probe) {
    this.sharedBudgets = shared.budgets();
    this.budgets = new LeasedBudgetStore(shared.budgets(), settings, replica, health);
    this.rates = new SyncedRateWindowStore(shared.rates(), settings, health);
    this.slots = new SyncedSlotStore(shared.slots(), settings, replica, health);
    this.catalogs = new LastKnownCatalogs(shared.models(), shared.prices(), shared.tenants(), clock,
        refresher, health);
    this.health = health;
    this.clock = clock;
    this.probe = probe;
    this.interval = settings.syncInterval();
    this.thread = Thread.ofPlatform().daemon().name("tollgate-local-sync").unstarted(this::loop);
  }

  /**
   * Local stores over {@code shared}, not yet syncing. {@code probe} throws a
   * {@link StoreUnavailableException} when the database does not answer.
   */
  public static LocalStores over(Stores shared, LeaseSettings settings, String replica,
      StoreHealth health, Clock clock, Executor refresher, Runnable probe) {
    return new LocalStores(shared, settings, replica, health, clock, refresher, probe);
  }

  /**
   * The stores the engine uses: local budgets, windows, slots and catalogs; {@code keys} and
   * {@code ledger} as given (the app puts its key cache and its journal there).
   */
  public Stores stores(Stores shared, dev.tollgate.port.out.KeyStore keys, SpendLedger ledger) {
    return new Stores(new ServingGuardKeyStore(keys, health), budgets, rates, slots, ledger,
        catalogs.prices(), catalogs.models(), catalogs.tenants());
  }

  /** The ledger the journal forwards to: the real one, then the shared budgets' posting. */
  public SpendLedger postingLedger(SpendLedger ledger) {
    return new BudgetPostingLedger(ledger, sharedBudgets, budgets, clock);
  }

  /**
   * What the journal answered before a restart and has not posted: counted against this
   * replica's slices until posted, so they stay covered when the old slices lapse.
   */
  public void carryUnposted(List<SpendEntry> entries) {
    budgets.carryUnposted(entries, clock.instant());
  }

  /**
   * As {@link #carryUnposted(List)}, for a run that succeeds the runs named {@code predecessors}
   * on the same journal: their lease holds are given back once these entries are posted.
   */
  public void carryUnposted(List<SpendEntry> entries, List<String> predecessors) {
    budgets.carryUnposted(entries, predecessors, clock.instant());
  }

  /**
   * Registers this run with {@code liveness} (adopting {@code predecessors}, the runs it succeeds
   * on its journal), and from the next round gives back the lease holds of runs whose process is
   * gone (docs/economics.md, "A killed replica's slices"). Call before {@link #start}.
   */
  public LocalStores watch(ReplicaLiveness liveness, List<String> predecessors) {
    budgets.watch(liveness, predecessors);
    return this;
  }

  public LocalStores start() {
    catalogs.models().start();
    thread.start();
    return this;
  }

  public StoreHealth health() {
    return health;
  }

  /** One round of background work; what the thread runs every interval (tests call it directly). */
  public void syncOnce() {
    Instant now = clock.instant();
    try {
      probe.run();
      budgets.tick(now);
      rates.sync(now);
      slots.sync(now);
      health.reachable();
    } catch (StoreUnavailableException e) {
      health.unreachable(e);
    }
  }

  private void loop() {
    while (!closed) {
      try {
        syncOnce();
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "local store sync failed unexpectedly; retrying", e);
      }
      synchronized (pause) {
        if (closed) {
          return;
        }
        try {
          pause.wait(Math.max(1, interval.toMillis()));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Stops syncing and gives back the slices nothing depends on. */
  @Override
  public void close() {
    synchronized (pause) {
      closed = true;
      pause.notifyAll(); // wakes a pause; a round under way finishes first
    }
    catalogs.models().close();
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!health.isDegraded()) {
      budgets.releaseIdle();
    }
  }
}
