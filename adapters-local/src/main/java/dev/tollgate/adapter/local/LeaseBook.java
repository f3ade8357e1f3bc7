package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetLease;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.HoldPrefix;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.SettleResult;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
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
import java.util.concurrent.locks.ReentrantLock;

/**
 * One replica's book of its budgets: what it knows of each scope ({@link ScopeState}, read from
 * the shared store the first time a scope is seen and again when stale), the requests it holds
 * budget for, and the settlements it remembers. Every change happens under {@link #lock}; shared
 * reads run outside it. Each map has a bound: scopes {@link LeaseSettings#maxScopes()}, open
 * requests {@link #MAX_OPEN_REQUESTS}, remembered settlements {@link #REMEMBERED}.
 */
final class LeaseBook {

  /** Most request holds open at once on one replica; beyond, a request is a 503, not a leak. */
  static final int MAX_OPEN_REQUESTS = 1_000_000;
  /** Settlements (and early postings) remembered, so a repeat answers the first. */
  static final int REMEMBERED = 100_000;
  /** Most stale scopes re-read in one tick. */
  static final int MAX_REFRESH_BATCH = 500;

  record RequestHold(Money amount, Instant expiresAt, List<BudgetLease> leases) {}

  /** What a local attempt to hold came to. */
  sealed interface Attempt {}

  /** Answered locally: held on every lease, or a retry's answer. */
  record Done(HoldOutcome outcome) implements Attempt {}

  /** Not admitted locally: the leases short of it, and its credit (holds it replaces) on each. */
  record Short(List<BudgetLease> leases, Map<BudgetLease, Money> credits) implements Attempt {}

  /**
   * Every request takes this lock, on a virtual thread (so do the swaps and the maintenance). A
   * {@code java.util.concurrent} lock, not a monitor: a virtual thread blocked on a monitor is
   * handed it through the JDK's unblocker thread, one wake-up of that thread per hand-over; one
   * blocked on this lock is unparked by the thread that releases it (docs/benchmarks.md,
   * fifteenth session).
   */
  final ReentrantLock lock = new ReentrantLock();
  private final StoreHealth health;
  private final Map<Scope, ScopeState> states = new HashMap<>();
  private final Map<HoldId, RequestHold> requests = new HashMap<>();
  private final SettledHolds settled = new SettledHolds(REMEMBERED);
  private final Map<HoldId, Boolean> postedEarly = bounded();
  /**
   * The leases each settled, not yet posted request's cost is unposted on: what {@link #posted}
   * marks, without looking through every lease of every scope for each posted request (a posting
   * batch under this lock, which every request takes, cost holds × leases).
   */
  private final Map<HoldId, List<BudgetLease>> unpostedOn = new HashMap<>();
  private final ScopeReads reads;

  LeaseBook(BudgetStore shared, LeaseSettings settings, StoreHealth health) {
    this.health = health;
    this.reads = new ScopeReads(shared, settings, health, lock, states);
  }

  // ---- what the replica knows of each scope ----

  ScopeState state(Scope scope) {
    lock.lock();
    try {
      return states.get(scope);
    } finally {
      lock.unlock();
    }
  }

  List<ScopeState> states() {
    lock.lock();
    try {
      return List.copyOf(states.values());
    } finally {
      lock.unlock();
    }
  }

  /**
   * The store no longer has any of this replica's lease holds (another replica took this run for
   * gone and gave them back): every slice is empty, so what is exposed is covered again by the
   * next swap before anything new is admitted.
   */
  void forgetLeaseHolds() {
    lock.lock();
    try {
      for (ScopeState s : states.values()) {
        for (BudgetLease l : s.leases()) {
          l.dropLapsed(Instant.MAX);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** A budget was put or removed through this replica: its lease retires, it is re-read soon. */
  void budgetChanged(Scope scope, Optional<Budget> budget) {
    lock.lock();
    try {
      ScopeState s = states.get(scope);
      if (s != null) {
        s.budget = budget;
        s.fetchedAt = Instant.EPOCH;
        s.retire(); // its slice was cut under the old limit: new holds take a new one
      }
    } finally {
      lock.unlock();
    }
  }

  /** Budgets of scopes seen for the first time: the one read a request may wait for. */
  void learn(List<Scope> scopes, Instant now) {
    reads.learn(scopes, now);
  }

  /** Re-reads up to {@link #MAX_REFRESH_BATCH} scopes read longer ago than refreshAfter. */
  void refreshStale(Instant now) {
    reads.refreshStale(now);
  }

  // ---- requests ----

  /**
   * Holds {@code r} on every budgeted scope's lease if each can cover it (holds it replaces count
   * as given back), else answers which leases are short.
   */
  Attempt tryHold(HoldRequest r) {
    lock.lock();
    try {
      RequestHold existing = requests.get(r.id());
      if (existing != null) {
        return new Done(existing.amount().equals(r.amount())
            ? new HoldOutcome.Held(r.id(), r.amount(), tightest(existing.leases()),
                pastSoftLimit(existing.leases()))
            : new HoldOutcome.Conflict(r.id(), existing.amount()));
      }
      List<BudgetLease> leases = new ArrayList<>(r.scopes().size());
      List<BudgetLease> short_ = new ArrayList<>();
      Map<BudgetLease, Money> credits = new IdentityHashMap<>();
      for (Scope scope : r.scopes()) {
        ScopeState s = states.get(scope);
        if (s == null || s.budget.isEmpty()) {
          continue;
        }
        BudgetLease lease = s.leaseAt(s.budget.get(), r.now());
        if (!health.isDegraded()) { // in an outage the last slices are enforced as they are
          lease.dropLapsed(r.now()); // a hold the shared store dropped covers nothing new
        }
        leases.add(lease);
        Money credit = replacedOn(lease, r);
        credits.put(lease, credit);
        if (!lease.canHold(r.amount().minus(credit))) {
          short_.add(lease);
        }
      }
      if (!short_.isEmpty()) {
        return new Short(short_, credits);
      }
      if (requests.size() >= MAX_OPEN_REQUESTS) {
        throw new StoreUnavailableException("this replica holds " + MAX_OPEN_REQUESTS + " requests");
      }
      r.replacing().forEach(this::releaseLocked);
      leases.forEach(l -> l.hold(r.id(), r.amount(), r.now()));
      requests.put(r.id(), new RequestHold(r.amount(), r.expiresAt(), List.copyOf(leases)));
      return new Done(new HoldOutcome.Held(r.id(), r.amount(), tightest(leases),
          pastSoftLimit(leases)));
    } finally {
      lock.unlock();
    }
  }

  /** What the live request holds {@code r} replaces take on this lease. */
  private Money replacedOn(BudgetLease lease, HoldRequest r) {
    Money credit = Money.ZERO;
    for (HoldId id : r.replacing()) {
      RequestHold h = requests.get(id);
      if (h != null && r.now().isBefore(h.expiresAt()) && h.leases().contains(lease)) {
        credit = credit.plus(h.amount());
      }
    }
    return credit;
  }

  /** True when this replica holds or settled {@code hold} (and it has not expired). */
  boolean knows(HoldId hold, Instant now) {
    lock.lock();
    try {
      RequestHold open = requests.get(hold);
      return settled.contains(hold) || (open != null && now.isBefore(open.expiresAt()));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Settles locally: the cost stays consumed from the lease until the journal posts it. A repeat
   * answers the first settlement; a hold that expired unswept, or that this replica never placed,
   * is settled as missing (overage).
   */
  Settlement settle(HoldId hold, List<Scope> scopes, Instant heldAt, Money actual, Instant now) {
    lock.lock();
    try {
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
      List<BudgetLease> on;
      if (request != null) {
        for (BudgetLease lease : request.leases()) {
          results.add(new Settlement.ScopeResult(lease.scope(),
              settleOn(lease, hold, request.amount(), actual, posted, false)));
        }
        on = request.leases();
      } else {
        on = new ArrayList<>(scopes.size());
        for (Scope scope : scopes) {
          missingOn(scope, hold, heldAt, actual, posted, now, on).ifPresent(results::add);
        }
      }
      if (!posted && !on.isEmpty()) {
        unpostedOn.put(hold, on);
      }
      Settlement settlement = new Settlement(results);
      settled.put(hold, settlement);
      return settlement;
    } finally {
      lock.unlock();
    }
  }

  /** Settles a hold this replica does not hold on {@code scope}'s lease; adds the lease to {@code on}. */
  private Optional<Settlement.ScopeResult> missingOn(Scope scope, HoldId hold, Instant heldAt,
      Money actual, boolean posted, Instant now, List<BudgetLease> on) {
    ScopeState s = states.get(scope);
    if (s == null || s.budget.isEmpty()) {
      return Optional.empty();
    }
    Budget budget = s.budget.get();
    PeriodWindow window = budget.period().windowAt(heldAt);
    Optional<BudgetLease> lease = s.leaseOf(window).or(() ->
        window.equals(budget.period().windowAt(now))
            ? Optional.of(s.leaseAt(budget, now)) : Optional.empty());
    lease.ifPresent(on::add);
    return Optional.of(new Settlement.ScopeResult(s.scope, lease
        .map(l -> settleOn(l, hold, Money.ZERO, actual, posted, true))
        .orElse(result(Money.ZERO, actual, true, false))));
  }

  private SettleResult settleOn(BudgetLease lease, HoldId hold, Money held, Money actual,
      boolean posted, boolean missing) {
    ScopeState s = states.get(lease.scope());
    Optional<Money> soft = s == null ? Optional.empty() : s.budget.flatMap(Budget::softLimit);
    Money before = lease.postedAsSeenHere();
    lease.settle(hold, actual, posted);
    Money after = lease.postedAsSeenHere();
    boolean crossed = soft.map(limit -> before.compareTo(limit) < 0 && after.isAtLeast(limit))
        .orElse(false);
    return result(held, actual, missing, crossed);
  }

  boolean release(HoldId hold) {
    lock.lock();
    try {
      return releaseLocked(hold);
    } finally {
      lock.unlock();
    }
  }

  /** Releases every open request hold of the family; returns how many. */
  int releaseAll(HoldPrefix prefix) {
    lock.lock();
    try {
      List<HoldId> family = requests.keySet().stream().filter(prefix::matches).toList();
      family.forEach(this::releaseLocked);
      return family.size();
    } finally {
      lock.unlock();
    }
  }

  /** True when the journal posted {@code hold} before this replica settled it. */
  boolean postedAlready(HoldId hold) {
    lock.lock();
    try {
      return postedEarly.containsKey(hold);
    } finally {
      lock.unlock();
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

  /** Releases request holds expired by {@code now}; returns how many leases changed. */
  int expire(Instant now) {
    Set<BudgetLease> changed = Collections.newSetFromMap(new IdentityHashMap<>());
    lock.lock();
    try {
      for (var it = requests.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (!now.isBefore(e.getValue().expiresAt())) {
          e.getValue().leases().forEach(l -> l.release(e.getKey()));
          changed.addAll(e.getValue().leases());
          it.remove();
        }
      }
    } finally {
      lock.unlock();
    }
    return changed.size();
  }

  /**
   * The journal posted these requests' costs on the shared budgets. A hold this replica has not
   * settled yet is remembered as posted early, so its settlement does not count it again. One it
   * settled already is not: its settlement is done, and a request without a budget on any scope
   * (no lease to find it on) would otherwise be remembered for nothing, the newest
   * {@code REMEMBERED} of them alive long enough to be copied at every young pause.
   */
  void posted(List<HoldId> posted) {
    lock.lock();
    try {
      for (HoldId hold : posted) {
        boolean found = false;
        List<BudgetLease> on = unpostedOn.remove(hold);
        if (on != null) {
          for (BudgetLease l : on) {
            found |= l.posted(hold);
          }
        }
        if (requests.containsKey(hold) || (!found && !settled.contains(hold))) {
          postedEarly.put(hold, Boolean.TRUE); // posted before this replica settled it locally
        }
      }
    } finally {
      lock.unlock();
    }
  }

  // ---- what the replica reports ----

  long exposedNanoUsd() {
    lock.lock();
    try {
      return states.values().stream().flatMap(s -> s.leases().stream())
          .mapToLong(l -> l.exposed().nanoUsd()).sum();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The shared snapshot as this replica sees it: its unposted spend counts as posted, and its
   * lease holds count only for what is in flight. Read while no posting runs, nothing counts twice.
   */
  BudgetSnapshot asSeenHere(BudgetSnapshot b) {
    lock.lock();
    try {
      ScopeState s = states.get(b.budget().scope());
      Optional<BudgetLease> lease = s == null ? Optional.empty() : s.leaseOf(b.window());
      if (lease.isEmpty()) {
        return b;
      }
      BudgetLease l = lease.get();
      Money posted = b.posted().plus(l.unpostedTotal());
      Money held = b.held().minus(l.leased()).plus(l.inFlightTotal()).max(Money.ZERO);
      return new BudgetSnapshot(b.budget(), b.window(), posted, held,
          b.budget().limit().minus(posted).minus(held));
    } finally {
      lock.unlock();
    }
  }

  /** A refusal from this replica's own view (after its refills were taken by others). */
  HoldOutcome.Refused refusal(BudgetLease lease, Instant now) {
    lock.lock();
    try {
      ScopeState s = states.get(lease.scope());
      Budget budget = s.budget.orElseThrow();
      return new HoldOutcome.Refused(budget, lease.free().max(Money.ZERO).plus(s.sharedAvailable),
          budget.period().windowAt(now), lease.inFlightTotal());
    } finally {
      lock.unlock();
    }
  }

  private boolean pastSoftLimit(List<BudgetLease> leases) {
    for (BudgetLease l : leases) {
      ScopeState s = states.get(l.scope());
      if (s != null && s.pastSoftLimit(l)) {
        return true;
      }
    }
    return false;
  }

  /** The least any of the leases can still cover (loops, as every hold runs them). */
  private Optional<Money> tightest(List<BudgetLease> leases) {
    Money least = null;
    for (BudgetLease l : leases) {
      ScopeState s = states.get(l.scope());
      Money free = l.free().max(Money.ZERO).plus(s == null ? Money.ZERO : s.sharedAvailable);
      if (least == null || free.compareTo(least) < 0) {
        least = free;
      }
    }
    return Optional.ofNullable(least);
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
