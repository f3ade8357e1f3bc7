package dev.tollgate.adapter.lease;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.SettleResult;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.BudgetSnapshot;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.Settlement;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Budgets by per-replica lease. For each budgeted scope a replica holds a slice of what remains
 * as lease holds on the shared store ({@code lease:<replica>:<n>}, lapsing after
 * {@link LeaseSettings#leaseTtl()}), and admits, settles and releases requests against it in
 * memory ({@link ScopeLease}). The background {@link #tick} refills a slice before it runs dry and
 * gives back what idles, so the request path places no shared hold in steady state; a request
 * that finds its slice short refills it synchronously once (the cold path).
 *
 * <p>Costs reach the shared budgets through the journal ({@link BudgetPostingLedger}), not
 * through this store, and a lease only gives capacity back when its older holds are released in
 * favour of one new hold covering what is still unposted (see {@link ScopeLease}). So at every
 * moment, shared posted + every replica's lease holds cover everything admitted anywhere (a posted
 * cost may be counted twice, posted and still under a lease hold, until that replica's next
 * renewal: conservative, never an overspend), and a killed replica loses no spend: its journal
 * posts it on restart while its lease holds lapse. See docs/economics.md, "Leases".
 */
public final class LeasedBudgetStore implements BudgetStore, PostingListener {

  private static final int MAX_REFILL_ATTEMPTS = 2;
  private static final int REMEMBERED = 100_000;
  /** Longest a rebase or a snapshot waits for a journal posting in flight to finish. */
  static final java.time.Duration POSTING_WAIT = java.time.Duration.ofSeconds(5);

  private record RequestHold(Money amount, Instant expiresAt, List<ScopeLease> leases) {}

  private static final class ScopeState {
    final Scope scope;
    Optional<Budget> budget;
    Instant fetchedAt;
    Money sharedAvailable;
    Money sharedPosted = Money.ZERO;
    ScopeLease lease;
    final List<ScopeLease> retiring = new ArrayList<>(2);

    ScopeState(Scope scope, Optional<Budget> budget, Money sharedAvailable, Instant fetchedAt) {
      this.scope = scope;
      this.budget = budget;
      this.sharedAvailable = sharedAvailable;
      this.fetchedAt = fetchedAt;
    }

    /** The lease of the window {@code now} falls in; an older window's lease retires. */
    ScopeLease leaseAt(Budget b, Instant now) {
      PeriodWindow window = b.period().windowAt(now);
      if (lease != null && !lease.window().equals(window)) {
        retiring.add(lease);
        lease = null;
      }
      if (lease == null) {
        lease = new ScopeLease(scope, window, sharedPosted, now);
      }
      return lease;
    }

    Optional<ScopeLease> leaseOf(PeriodWindow window) {
      if (lease != null && lease.window().equals(window)) {
        return Optional.of(lease);
      }
      return retiring.stream().filter(l -> l.window().equals(window)).findFirst();
    }
  }

  private final BudgetStore shared;
  private final LeaseSettings settings;
  private final String replica;
  private final StoreHealth health;
  private final Object lock = new Object();
  private final Map<String, ScopeState> states = new HashMap<>();
  private final Map<HoldId, RequestHold> requests = new HashMap<>();
  private final Map<HoldId, Settlement> settled = bounded();
  private final Map<HoldId, Boolean> postedEarly = bounded();
  private final java.util.concurrent.locks.ReentrantLock postings =
      new java.util.concurrent.locks.ReentrantLock();
  private long chunkSequence;

  /** {@code replica} names this process's lease holds; unique per start (a random id). */
  public LeasedBudgetStore(BudgetStore shared, LeaseSettings settings, String replica, StoreHealth health) {
    this.shared = shared;
    this.settings = settings;
    this.replica = replica;
    this.health = health;
  }

  @Override
  public void putBudget(Budget budget) {
    shared.putBudget(budget);
    synchronized (lock) {
      ScopeState s = states.get(budget.scope().storageKey());
      if (s != null) {
        s.budget = Optional.of(budget);
        s.fetchedAt = Instant.EPOCH; // re-read what is available at the next tick
        if (s.lease != null) { // its slice was cut under the old limit: new holds take a new one
          s.retiring.add(s.lease);
          s.lease = null;
        }
      }
    }
  }

  @Override
  public boolean removeBudget(Scope scope) {
    boolean removed = shared.removeBudget(scope);
    synchronized (lock) {
      ScopeState s = states.get(scope.storageKey());
      if (s != null) {
        s.budget = Optional.empty();
        if (s.lease != null) {
          s.retiring.add(s.lease);
          s.lease = null;
        }
      }
    }
    return removed;
  }

  @Override
  public Optional<Budget> budgetOf(Scope scope) {
    return shared.budgetOf(scope);
  }

  @Override
  public HoldOutcome placeHold(HoldRequest r) {
    learn(r.scopes(), r.now());
    for (int attempt = 0; ; attempt++) {
      List<ScopeLease> short_ = new ArrayList<>();
      Map<ScopeLease, Money> credits = new IdentityHashMap<>();
      synchronized (lock) {
        RequestHold existing = requests.get(r.id());
        if (existing != null) {
          return existing.amount().equals(r.amount())
              ? new HoldOutcome.Held(r.id(), r.amount(), tightest(existing.leases()))
              : new HoldOutcome.Conflict(r.id(), existing.amount());
        }
        List<ScopeLease> leases = new ArrayList<>(r.scopes().size());
        for (Scope scope : r.scopes()) {
          ScopeState s = states.get(scope.storageKey());
          if (s == null || s.budget.isEmpty()) {
            continue;
          }
          ScopeLease lease = s.leaseAt(s.budget.get(), r.now());
          leases.add(lease);
          Money credit = replacedOn(lease, r);
          credits.put(lease, credit);
          if (!lease.canHold(r.amount().minus(credit))) {
            short_.add(lease);
          }
        }
        if (short_.isEmpty()) {
          r.replacing().forEach(this::releaseLocked);
          leases.forEach(l -> l.hold(r.id(), r.amount(), r.now()));
          requests.put(r.id(), new RequestHold(r.amount(), r.expiresAt(), List.copyOf(leases)));
          return new HoldOutcome.Held(r.id(), r.amount(), tightest(leases));
        }
      }
      if (attempt == 0) {
        expireLocally(r.now()); // unswept expired holds take no room
        continue;
      }
      if (attempt > MAX_REFILL_ATTEMPTS) {
        return refusal(short_.get(0), r.now());
      }
      for (ScopeLease lease : short_) {
        Optional<HoldOutcome.Refused> refused =
            refill(lease, r.amount(), credits.get(lease), r.now());
        if (refused.isPresent()) {
          return refused.get();
        }
      }
    }
  }

  /** What the live request holds {@code r} replaces take on this lease. */
  private Money replacedOn(ScopeLease lease, HoldRequest r) {
    Money credit = Money.ZERO;
    for (HoldId id : r.replacing()) {
      RequestHold h = requests.get(id);
      if (h != null && r.now().isBefore(h.expiresAt()) && h.leases().contains(lease)) {
        credit = credit.plus(h.amount());
      }
    }
    return credit;
  }

  /**
   * Posts nothing on the shared store: the journal does ({@link BudgetPostingLedger}); the cost
   * stays consumed from the lease. A repeat answers the first settlement; a hold that expired
   * unswept, or that this replica never placed, is settled as missing (overage).
   */
  @Override
  public Settlement settle(HoldId hold, List<Scope> scopes, Instant heldAt, Money actual, Instant now) {
    if (actual.isNegative()) {
      throw new IllegalArgumentException("actual cost must not be negative: " + actual);
    }
    boolean known;
    synchronized (lock) {
      RequestHold open = requests.get(hold);
      known = settled.containsKey(hold) || (open != null && now.isBefore(open.expiresAt()));
    }
    if (!known) {
      try {
        learn(scopes, now); // the cost must count against this replica's slice
      } catch (StoreUnavailableException e) {
        // the journal posts it on the shared budget when the database is back
      }
    }
    synchronized (lock) {
      Settlement prior = settled.get(hold);
      if (prior != null) {
        return prior;
      }
      boolean posted = postedEarly.remove(hold) != null;
      RequestHold request = requests.remove(hold);
      if (request != null && !now.isBefore(request.expiresAt())) {
        request.leases().forEach(l -> l.release(hold)); // expired unswept: as if it never was
        request = null;
      }
      List<Settlement.ScopeResult> results = new ArrayList<>();
      if (request != null) {
        for (ScopeLease lease : request.leases()) {
          results.add(new Settlement.ScopeResult(lease.scope(),
              settleOn(lease, hold, request.amount(), actual, posted, false)));
        }
      } else {
        for (Scope scope : scopes) {
          ScopeState s = states.get(scope.storageKey());
          if (s == null || s.budget.isEmpty()) {
            continue;
          }
          Budget budget = s.budget.get();
          PeriodWindow window = budget.period().windowAt(heldAt);
          Optional<ScopeLease> lease = s.leaseOf(window).or(() ->
              window.equals(budget.period().windowAt(now))
                  ? Optional.of(s.leaseAt(budget, now)) : Optional.empty());
          results.add(new Settlement.ScopeResult(scope, lease
              .map(l -> settleOn(l, hold, Money.ZERO, actual, posted, true))
              .orElse(result(Money.ZERO, actual, true, false))));
        }
      }
      Settlement settlement = new Settlement(results);
      settled.put(hold, settlement);
      return settlement;
    }
  }

  private SettleResult settleOn(ScopeLease lease, HoldId hold, Money held, Money actual,
      boolean posted, boolean missing) {
    ScopeState s = states.get(lease.scope().storageKey());
    Optional<Money> soft = s == null ? Optional.empty() : s.budget.flatMap(Budget::softLimit);
    Money before = lease.postedAsSeenHere();
    lease.settle(hold, actual, posted);
    Money after = lease.postedAsSeenHere();
    boolean crossed = soft.map(limit -> before.compareTo(limit) < 0 && after.isAtLeast(limit))
        .orElse(false);
    return result(held, actual, missing, crossed);
  }

  @Override
  public boolean release(HoldId hold) {
    synchronized (lock) {
      return releaseLocked(hold);
    }
  }

  private boolean releaseLocked(HoldId hold) {
    RequestHold request = requests.remove(hold);
    if (request == null) {
      return false;
    }
    request.leases().forEach(l -> l.release(hold));
    return true;
  }

  /** Drops expired request holds locally, then lets the shared store drop what lapsed there. */
  @Override
  public int expireHolds(Instant now) {
    int changed = expireLocally(now);
    try {
      shared.expireHolds(now);
    } catch (StoreUnavailableException e) {
      health.unreachable(e);
    }
    return changed;
  }

  /** Releases request holds expired by {@code now}; returns how many leases changed. */
  private int expireLocally(Instant now) {
    Set<ScopeLease> changed = Collections.newSetFromMap(new IdentityHashMap<>());
    synchronized (lock) {
      for (var it = requests.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (!now.isBefore(e.getValue().expiresAt())) {
          e.getValue().leases().forEach(l -> l.release(e.getKey()));
          changed.addAll(e.getValue().leases());
          it.remove();
        }
      }
    }
    return changed.size();
  }

  /**
   * The shared snapshot as this replica sees it: its unposted spend counts as posted, and its
   * lease holds count only for what is in flight. Read between two postings, so nothing counts
   * twice.
   */
  @Override
  public List<BudgetSnapshot> snapshots(List<Scope> scopes, Instant now) {
    return withPostingsPaused(() -> {
      List<BudgetSnapshot> read = shared.snapshots(scopes, now);
      synchronized (lock) {
        return read.stream().map(this::asSeenHere).toList();
      }
    });
  }

  @Override
  public Optional<BudgetSnapshot> snapshot(Scope scope, Instant now) {
    return snapshots(List.of(scope), now).stream().findFirst();
  }

  // ---- the journal's postings ----

  /** Holds the posting gate until {@link #postingFinished}, on the same thread. */
  @Override
  public void postingStarted() {
    postings.lock();
  }

  @Override
  public void postingFinished(List<HoldId> posted) {
    try {
      synchronized (lock) {
        for (HoldId hold : posted) {
          RequestHold open = requests.get(hold);
          boolean found = false;
          for (ScopeState s : states.values()) {
            found |= s.lease != null && s.lease.posted(hold);
            for (ScopeLease l : s.retiring) {
              found |= l.posted(hold);
            }
          }
          if (!found || open != null) {
            postedEarly.put(hold, Boolean.TRUE); // posted before this replica settled it locally
          }
        }
      }
    } finally {
      postings.unlock();
    }
  }

  /**
   * Gives back every slice nothing depends on any more (a graceful stop), so a restarted replica
   * does not keep its share locked for a lease TTL. Slices still covering unposted costs are left
   * to lapse: the journal posts those costs, now or after the restart.
   */
  public void releaseIdle() {
    List<ScopeLease.Chunk> giveBack = new ArrayList<>();
    synchronized (lock) {
      for (ScopeState s : states.values()) {
        List<ScopeLease> leases = new ArrayList<>(s.retiring);
        if (s.lease != null) {
          leases.add(s.lease);
        }
        for (ScopeLease l : leases) {
          if (l.exposed().isZero()) {
            giveBack.addAll(l.releaseAll());
          }
        }
      }
    }
    for (ScopeLease.Chunk c : giveBack) {
      try {
        shared.release(c.id());
      } catch (StoreUnavailableException e) {
        return; // the rest lapse on their own
      }
    }
  }

  // ---- the background work ----

  /**
   * Re-reads stale budgets, refills slices running low or about to lapse, gives back idle and
   * lapsing lease holds, and retires leases of ended windows. Shared calls run outside the lock;
   * a failure marks the store unreachable and ends the tick (the next one retries).
   */
  public void tick(Instant now) {
    refreshStale(now);
    List<ScopeState> all;
    synchronized (lock) {
      all = List.copyOf(states.values());
    }
    for (ScopeState s : all) {
      maintain(s, now);
    }
    health.synced();
  }

  private void refreshStale(Instant now) {
    List<Scope> stale;
    synchronized (lock) {
      stale = states.values().stream()
          .filter(s -> !now.isBefore(s.fetchedAt.plus(settings.refreshAfter())))
          .map(s -> s.scope).limit(500).toList();
    }
    if (!stale.isEmpty()) {
      absorb(stale, readShared(stale, now), now);
    }
  }

  private void maintain(ScopeState s, Instant now) {
    if (health.isDegraded()) {
      return; // in an outage the last slices keep being enforced as they are
    }
    List<ScopeLease.Chunk> giveBack = new ArrayList<>();
    ScopeLease renew = null;
    Money want = Money.ZERO;
    synchronized (lock) {
      for (ScopeLease old : List.copyOf(s.retiring)) {
        old.dropLapsed(now);
        if (old.exposed().isZero()) {
          giveBack.addAll(old.releaseAll());
          s.retiring.remove(old);
        }
      }
      ScopeLease current = s.lease;
      if (current != null) {
        current.dropLapsed(now);
        Money slice = slice(s);
        if (s.budget.isEmpty() || current.isIdle(now, settings.leaseTtl())) {
          if (current.exposed().isZero()) {
            giveBack.addAll(current.releaseAll());
            s.lease = null;
          }
        } else if (needsRenewal(current, slice, now)) {
          renew = current;
          want = current.exposed().plus(slice);
        }
      }
    }
    if (renew != null) {
      renew(renew, want, now);
    }
    for (ScopeLease.Chunk c : giveBack) {
      try {
        shared.release(c.id());
      } catch (StoreUnavailableException e) {
        health.unreachable(e); // it lapses on its own
        throw e;
      }
    }
  }

  /** A hold lapses soon, the slice runs low, or it hoards more than two slices' worth. */
  private boolean needsRenewal(ScopeLease lease, Money slice, Instant now) {
    Money lowWater = Money.ofNanoUsd(slice.nanoUsd() / 4);
    return lease.lapsesBy(now.plus(settings.renewAhead()))
        || lease.free().compareTo(lowWater) < 0
        || lease.free().isGreaterThan(slice.plus(slice))
        || lease.chunks().size() >= settings.maxChunks();
  }

  /**
   * Swaps every hold of the slice for one new hold of {@code want} (at least what is exposed), in
   * one atomic step on the shared store (the rebase): the shared store then sees this replica's
   * posted spend plus the new hold, nothing twice. Runs while no posting is in flight, so what
   * is exposed here and what is posted there do not overlap.
   */
  private void renew(ScopeLease lease, Money want, Instant now) {
    synchronized (lease) {
      withPostingsPaused(() -> {
        Money exposed;
        synchronized (lock) {
          exposed = lease.exposed();
        }
        HoldOutcome outcome = replaceShared(lease, want.max(exposed), now);
        if (outcome instanceof HoldOutcome.Refused refused
            && refused.available().compareTo(exposed) > 0) {
          replaceShared(lease, refused.available(), now); // all that is left
        }
        return null;
      });
    }
  }

  /** A synchronous refill for a request its slice cannot cover; empty when it now can. */
  private Optional<HoldOutcome.Refused> refill(
      ScopeLease lease, Money amount, Money credit, Instant now) {
    if (health.isDegraded()) { // no request waits on a database known to be down
      throw new StoreUnavailableException("the database is unavailable and this replica's slice"
          + " of the budget of " + lease.scope().storageKey() + " cannot cover the request");
    }
    synchronized (lease) { // one refill or renewal per slice at a time; the others re-check after it
      return withPostingsPaused(() -> refillAlone(lease, amount, credit, now));
    }
  }

  /**
   * The rare path near the limit: asks the shared truth, by swapping the slice's holds for one
   * that covers what is exposed, this request and a fresh slice (or as much of it as is left).
   * Refused only when the budget, with every lease of this replica given back, cannot cover what
   * is exposed here plus this request: exactly what {@link #snapshots} would show.
   */
  private Optional<HoldOutcome.Refused> refillAlone(
      ScopeLease lease, Money amount, Money credit, Instant now) {
    Money needed;
    Money inFlight;
    Money want;
    synchronized (lock) {
      if (lease.canHold(amount.minus(credit))) {
        return Optional.empty();
      }
      needed = lease.exposed().minus(credit).plus(amount);
      inFlight = lease.inFlightTotal().minus(credit);
      want = needed.plus(slice(states.get(lease.scope().storageKey())));
    }
    HoldOutcome outcome = replaceShared(lease, want, now);
    if (outcome instanceof HoldOutcome.Refused refused) {
      if (refused.available().isAtLeast(needed)
          && replaceShared(lease, refused.available(), now) instanceof HoldOutcome.Held) {
        return Optional.empty(); // what was left is enough for this request
      }
      Money remains = refused.available().minus(needed.minus(amount)).max(Money.ZERO);
      return Optional.of(new HoldOutcome.Refused(refused.budget(), remains, refused.window(),
          refused.held().plus(inFlight)));
    }
    return Optional.empty();
  }

  /**
   * Places one lease hold of {@code amount} replacing every hold the slice has; on success the
   * slice is rebased onto it. Shared calls run outside the lock.
   */
  private HoldOutcome replaceShared(ScopeLease lease, Money amount, Instant now) {
    HoldId id;
    List<HoldId> old;
    synchronized (lock) {
      if (amount.compareTo(lease.exposed()) < 0) {
        return new HoldOutcome.Refused(states.get(lease.scope().storageKey()).budget.orElseThrow(),
            Money.ZERO, lease.window()); // admitted past it meanwhile: the next renewal covers it
      }
      id = HoldId.of("lease:" + replica + ":" + (++chunkSequence));
      old = lease.chunks().stream().map(ScopeLease.Chunk::id).toList();
      lease.replacing(amount);
    }
    Instant expiresAt = now.plus(settings.leaseTtl());
    HoldOutcome outcome;
    try {
      outcome = shared.placeHold(
          new HoldRequest(id, List.of(lease.scope()), amount, now, expiresAt, old));
    } catch (StoreUnavailableException e) {
      // whether it was placed is unknown: the slice stays capped at it (conservative either way)
      health.unreachable(e);
      throw e;
    }
    synchronized (lock) {
      if (outcome instanceof HoldOutcome.Held held) {
        lease.rebase(new ScopeLease.Chunk(id, held.amount(), expiresAt));
        ScopeState s = states.get(lease.scope().storageKey());
        if (s != null) {
          held.tightestRemaining().ifPresent(left -> s.sharedAvailable = left);
        }
      } else {
        lease.replacementDone();
      }
    }
    if (outcome instanceof HoldOutcome.Held) {
      health.leaseRefilled();
    }
    return outcome;
  }

  /**
   * Runs {@code work} while no journal posting is in flight (waiting at most
   * {@link #POSTING_WAIT}): the exposed amount read here and the shared posted amount then agree.
   */
  private <T> T withPostingsPaused(java.util.function.Supplier<T> work) {
    boolean locked;
    try {
      locked = postings.tryLock(POSTING_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted waiting for a budget posting");
    }
    if (!locked) {
      throw new StoreUnavailableException("a budget posting did not finish within " + POSTING_WAIT);
    }
    try {
      return work.get();
    } finally {
      postings.unlock();
    }
  }

  /** Budgets of scopes seen for the first time: the one read a request may wait for. */
  private void learn(List<Scope> scopes, Instant now) {
    List<Scope> unknown;
    synchronized (lock) {
      unknown = scopes.stream().filter(s -> !states.containsKey(s.storageKey())).toList();
    }
    if (unknown.isEmpty()) {
      return;
    }
    if (health.isDegraded()) {
      throw new StoreUnavailableException("the database is unavailable and these budgets are not known here yet");
    }
    absorb(unknown, readShared(unknown, now), now);
  }

  private List<BudgetSnapshot> readShared(List<Scope> scopes, Instant now) {
    try {
      return shared.snapshots(scopes, now);
    } catch (StoreUnavailableException e) {
      health.unreachable(e);
      throw e;
    }
  }

  private void absorb(List<Scope> scopes, List<BudgetSnapshot> snapshots, Instant now) {
    Map<String, BudgetSnapshot> byKey = new HashMap<>();
    snapshots.forEach(b -> byKey.put(b.budget().scope().storageKey(), b));
    synchronized (lock) {
      if (states.size() + scopes.size() > settings.maxScopes()) {
        states.values().removeIf(s -> s.lease == null && s.retiring.isEmpty());
      }
      for (Scope scope : scopes) {
        BudgetSnapshot b = byKey.get(scope.storageKey());
        ScopeState s = states.computeIfAbsent(scope.storageKey(),
            k -> new ScopeState(scope, Optional.empty(), Money.ZERO, now));
        s.budget = Optional.ofNullable(b).map(BudgetSnapshot::budget);
        s.sharedAvailable = b == null ? Money.ZERO : b.available().max(Money.ZERO);
        s.sharedPosted = b == null ? Money.ZERO : b.posted();
        s.fetchedAt = now;
      }
    }
  }

  private BudgetSnapshot asSeenHere(BudgetSnapshot b) {
    ScopeState s = states.get(b.budget().scope().storageKey());
    Optional<ScopeLease> lease = s == null ? Optional.empty() : s.leaseOf(b.window());
    if (lease.isEmpty()) {
      return b;
    }
    ScopeLease l = lease.get();
    Money posted = b.posted().plus(l.unpostedTotal());
    Money held = b.held().minus(l.leased()).plus(l.inFlightTotal()).max(Money.ZERO);
    return new BudgetSnapshot(b.budget(), b.window(), posted, held,
        b.budget().limit().minus(posted).minus(held));
  }

  private Optional<Money> tightest(List<ScopeLease> leases) {
    return leases.stream().map(l -> {
      ScopeState s = states.get(l.scope().storageKey());
      return l.free().max(Money.ZERO).plus(s == null ? Money.ZERO : s.sharedAvailable);
    }).min(Money::compareTo);
  }

  private HoldOutcome.Refused refusal(ScopeLease lease, Instant now) {
    synchronized (lock) {
      ScopeState s = states.get(lease.scope().storageKey());
      Budget budget = s.budget.orElseThrow();
      return new HoldOutcome.Refused(budget, lease.free().max(Money.ZERO).plus(s.sharedAvailable),
          budget.period().windowAt(now), lease.inFlightTotal());
    }
  }

  /** A refill's size: a share of what the budget has left, so replicas split the rest. */
  private Money slice(ScopeState s) {
    return Money.ofNanoUsd(s.sharedAvailable.max(Money.ZERO).nanoUsd() / settings.sliceDivisor());
  }

  private static SettleResult result(Money held, Money actual, boolean missing, boolean crossed) {
    return new SettleResult(actual, held.minus(actual).max(Money.ZERO),
        actual.minus(held).max(Money.ZERO), missing, crossed);
  }

  private static <V> Map<HoldId, V> bounded() {
    return new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<HoldId, V> eldest) {
        return size() > REMEMBERED;
      }
    };
  }

}
