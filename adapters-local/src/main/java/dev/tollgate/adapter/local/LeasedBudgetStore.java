package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.HoldPrefix;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.ReplicaLiveness;
import dev.tollgate.port.out.ReplicaRun;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Budgets by per-replica lease: the budget store the engine uses when the shared one is a
 * database. For each budgeted scope this replica holds a slice of what remains as lease holds on
 * the shared store, and admits, settles and releases requests against it in memory
 * ({@link dev.tollgate.domain.budget.BudgetLease}, kept in the {@link LeaseBook}). A request its
 * slice cannot cover asks the shared truth synchronously ({@link LeaseSwaps#refill}); the
 * background ({@link LeaseMaintenance}) renews slices before they run dry and gives back what
 * idles, so the request path makes no round trip in steady state.
 *
 * <p>Costs reach the shared budgets through the journal ({@link BudgetPostingLedger}, which tells
 * this store as its {@link PostingListener}), not through {@link #settle}; what any snapshot read
 * here shows is the same before and after a posting. See docs/economics.md, "Leases".
 */
public final class LeasedBudgetStore implements BudgetStore, PostingListener {

  /** Synchronous refills one request may make before it is refused on this replica's view. */
  static final int MAX_REFILL_ATTEMPTS = 2;

  private final BudgetStore shared;
  private final StoreHealth health;
  private final LeaseBook book;
  private final PostingGate gate = new PostingGate();
  private final LeaseSwaps swaps;
  private final LeaseMaintenance maintenance;
  private final Uncounted uncounted = new Uncounted();
  private final LeaseSettings settings;
  private volatile Predecessors predecessors = Predecessors.none();
  private volatile GoneRuns goneRuns;
  private final String replica;

  /**
   * {@code replica} names this process's lease holds ({@link #leasePrefix}); unique per start, so
   * a restart can give back its predecessor's by name.
   */
  public LeasedBudgetStore(BudgetStore shared, LeaseSettings settings, String replica, StoreHealth health) {
    this.shared = shared;
    this.health = health;
    this.settings = settings;
    this.replica = replica;
    this.book = new LeaseBook(shared, settings, health);
    this.swaps = new LeaseSwaps(shared, book, gate, settings, replica, health);
    this.maintenance = new LeaseMaintenance(shared, book, swaps, settings, health);
  }

  @Override
  public void putBudget(Budget budget) {
    shared.putBudget(budget);
    book.budgetChanged(budget.scope(), Optional.of(budget));
  }

  @Override
  public boolean removeBudget(Scope scope) {
    boolean removed = shared.removeBudget(scope);
    book.budgetChanged(scope, Optional.empty());
    return removed;
  }

  @Override
  public Optional<Budget> budgetOf(Scope scope) {
    return shared.budgetOf(scope);
  }

  @Override
  public HoldOutcome placeHold(HoldRequest r) {
    book.learn(r.scopes(), r.now());
    if (uncounted.waiting()) {
      uncounted.retry(r.now()); // replayed costs count before anything new is admitted
    }
    for (int attempt = 0; ; attempt++) {
      LeaseBook.Short short_;
      switch (book.tryHold(r)) {
        case LeaseBook.Done done -> {
          return done.outcome();
        }
        case LeaseBook.Short s -> short_ = s;
      }
      if (attempt == 0) {
        book.expire(r.now()); // unswept expired holds take no room
        continue;
      }
      if (attempt > MAX_REFILL_ATTEMPTS) { // each refill was taken by concurrent requests
        return book.refusal(short_.leases().get(0), r.now());
      }
      for (var lease : short_.leases()) {
        Optional<HoldOutcome.Refused> refused =
            swaps.refill(lease, r.amount(), short_.credits().get(lease), r.now());
        if (refused.isPresent()) {
          return refused.get();
        }
      }
    }
  }

  /**
   * Counts the cost against this replica's slices (it reaches the shared budgets when the journal
   * posts it). A repeat answers the first settlement; a hold that expired unswept, or that this
   * replica never placed, is settled as missing (overage).
   */
  @Override
  public Settlement settle(HoldId hold, List<Scope> scopes, Instant heldAt, Money actual, Instant now) {
    if (actual.isNegative()) {
      throw new IllegalArgumentException("actual cost must not be negative: " + actual);
    }
    if (!book.knows(hold, now)) {
      try {
        book.learn(scopes, now); // the cost must count against this replica's slice
      } catch (StoreUnavailableException e) {
        uncounted.add(new Settle(hold, scopes, heldAt, actual)); // counted once budgets are read
        return new Settlement(List.of());
      }
    }
    return book.settle(hold, scopes, heldAt, actual, now);
  }

  /**
   * Costs this replica's journal answered but has not posted (a restart replays them): they count
   * against its slices until posted, as if settled here, so its new slices cover them.
   */
  public void carryUnposted(List<SpendEntry> entries, Instant now) {
    carryUnposted(entries, List.of(), now);
  }

  /**
   * As {@link #carryUnposted(List, Instant)}, for a run that succeeds the runs {@code before} (their
   * replica names) on the same journal: their lease holds are given back by a background round
   * once the journal has posted these entries ({@link Predecessors}). Read while no posting runs,
   * so an entry posted before this call is not waited for.
   */
  public void carryUnposted(List<SpendEntry> entries, List<String> before, Instant now) {
    Set<HoldId> waiting = new HashSet<>();
    try {
      gate.paused(() -> {
        for (SpendEntry e : entries) {
          Settle s = BudgetPostingLedger.settlementOf(e);
          if (!book.postedAlready(s.hold())) {
            waiting.add(s.hold());
          }
          settle(s.hold(), s.scopes(), s.heldAt(), s.actual(), now);
        }
        return null;
      });
    } catch (StoreUnavailableException e) { // a posting did not let go: carry without the gate
      for (SpendEntry entry : entries) {
        Settle s = BudgetPostingLedger.settlementOf(entry);
        settle(s.hold(), s.scopes(), s.heldAt(), s.actual(), now);
      }
      return; // which entries were posted is unknown: the predecessors' holds lapse on their own
    }
    predecessors = Predecessors.of(before.stream().map(LeasedBudgetStore::leasePrefix)
        .toList(), waiting, now.plus(settings.leaseTtl()));
  }

  /** What every lease hold of {@code replica} starts with. */
  public static HoldPrefix leasePrefix(String replica) {
    return HoldPrefix.of("lease:" + replica + ":");
  }

  /**
   * From now on, registers this run with {@code liveness} (adopting {@code before}, the runs it
   * succeeds on its journal) and gives back the lease holds of runs the store answers gone
   * ({@link GoneRuns}), in the background rounds.
   */
  public void watch(ReplicaLiveness liveness, List<String> before) {
    goneRuns = new GoneRuns(liveness, new ReplicaRun(replica),
        before.stream().map(ReplicaRun::new).toList(), settings.goneAfter());
  }

  /** Runs of other, gone processes whose lease holds this one gave back. */
  public int goneRunsGivenBack() {
    GoneRuns g = goneRuns;
    return g == null ? 0 : g.runsGivenBack();
  }

  /** True once the runs this one succeeds hold nothing any more (given back, or lapsed). */
  boolean predecessorsGone() {
    return predecessors.done();
  }

  /** How many lease holds of the runs this one succeeds were given back (0 until they are). */
  public int predecessorHoldsReleased() {
    return predecessors.released();
  }

  @Override
  public boolean release(HoldId hold) {
    return book.release(hold);
  }

  /** The request holds of the family this replica holds (lease holds are not requests'). */
  @Override
  public int releaseAll(HoldPrefix prefix) {
    return book.releaseAll(prefix);
  }

  /** Drops expired request holds locally, then lets the shared store drop what lapsed there. */
  @Override
  public int expireHolds(Instant now) {
    int changed = book.expire(now);
    try {
      shared.expireHolds(now);
    } catch (StoreUnavailableException e) {
      health.unreachable(e);
    }
    return changed;
  }

  /**
   * The shared snapshot as this replica sees it (its unposted spend as posted, its lease holds only
   * for what is in flight), read while no posting runs, so nothing counts twice.
   */
  @Override
  public List<BudgetSnapshot> snapshots(List<Scope> scopes, Instant now) {
    return gate.paused(() -> shared.snapshots(scopes, now).stream().map(book::asSeenHere).toList());
  }

  @Override
  public Optional<BudgetSnapshot> snapshot(Scope scope, Instant now) {
    return snapshots(List.of(scope), now).stream().findFirst();
  }

  /** Holds the posting gate until {@link #postingFinished}, on the same thread. */
  @Override
  public void postingStarted() {
    gate.postingStarted();
  }

  @Override
  public void postingFinished(List<HoldId> posted) {
    try {
      book.posted(posted);
      predecessors.posted(posted);
    } finally {
      gate.postingFinished();
    }
  }

  /** The lease book, for tests of what it remembers. */
  LeaseBook book() {
    return book;
  }

  /** What this replica's slices cover that is not posted yet (in flight + unposted), summed. */
  long exposedNanoUsd() {
    return book.exposedNanoUsd();
  }

  /** One round of background work (see {@link LeaseMaintenance#tick}). */
  public void tick(Instant now) {
    uncounted.retry(now);
    maintenance.tick(now);
    if (!health.isDegraded()) {
      try {
        predecessors.giveBackIfFree(shared, now);
        GoneRuns g = goneRuns;
        if (g != null && g.round(shared, now)) {
          book.forgetLeaseHolds(); // taken for gone: its holds were given back on the store
        }
      } catch (StoreUnavailableException e) {
        health.unreachable(e);
        throw e;
      }
    }
  }

  /** Gives back every slice nothing depends on (a graceful stop, after the journal is posted). */
  public void releaseIdle() {
    maintenance.releaseIdle();
  }

  /**
   * Settlements of scopes this replica could not read yet (a restart during an outage): counted
   * at the next tick that can read them. At most {@link #MAX_UNCOUNTED}; beyond, the journal alone
   * carries them (see docs/economics.md, the bound after a crash).
   */
  private final class Uncounted {
    static final int MAX_UNCOUNTED = 100_000;
    private final ArrayDeque<Settle> waiting = new ArrayDeque<>();
    private volatile boolean any;

    synchronized void add(Settle s) {
      if (waiting.size() < MAX_UNCOUNTED) {
        waiting.add(s);
        any = true;
      }
    }

    boolean waiting() {
      return any;
    }

    synchronized void retry(Instant now) {
      while (!waiting.isEmpty()) {
        Settle s = waiting.peek();
        try {
          book.learn(s.scopes(), now);
        } catch (StoreUnavailableException e) {
          return; // still unreadable: the next tick or request retries
        }
        book.settle(s.hold(), s.scopes(), s.heldAt(), s.actual(), now);
        waiting.poll();
      }
      any = false;
    }
  }
}
