package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How a replica reads budgets from the shared store into its {@link LeaseBook}: a scope's first
 * sight (the one read a request may wait for) and the background re-read of stale ones. Reads run
 * outside the book's lock; what they found is written under it.
 */
final class ScopeReads {

  private final BudgetStore shared;
  private final LeaseSettings settings;
  private final StoreHealth health;
  private final ReentrantLock lock;
  private final Map<Scope, ScopeState> states;

  ScopeReads(BudgetStore shared, LeaseSettings settings, StoreHealth health, ReentrantLock lock,
      Map<Scope, ScopeState> states) {
    this.shared = shared;
    this.settings = settings;
    this.health = health;
    this.lock = lock;
    this.states = states;
  }

  /** Budgets of scopes seen for the first time: the one read a request may wait for. */
  void learn(List<Scope> scopes, Instant now) {
    List<Scope> unknown;
    lock.lock();
    try {
      unknown = UnknownScopes.of(scopes, states);
    } finally {
      lock.unlock();
    }
    if (unknown.isEmpty()) {
      return;
    }
    List<Scope> required = OutageTolerance.required(unknown);
    if (health.isDegraded()) {
      if (required.isEmpty()) {
        return; // only end users: served without their scope until the database answers
      }
      throw new StoreUnavailableException("the database is unavailable and these budgets are not known here yet");
    }
    List<BudgetSnapshot> read;
    try {
      read = readShared(unknown, now);
    } catch (StoreUnavailableException e) {
      if (required.isEmpty()) {
        return;
      }
      throw e;
    }
    absorb(unknown, read, now);
  }

  /**
   * Re-reads up to {@link LeaseBook#MAX_REFRESH_BATCH} scopes read longer ago than refreshAfter,
   * or than one sync interval for scopes near their limit ({@link ScopeState#nearTheLimit}).
   */
  void refreshStale(Instant now) {
    List<Scope> stale;
    lock.lock();
    try {
      stale = states.values().stream()
          .filter(s -> !now.isBefore(s.fetchedAt.plus(s.nearTheLimit()
              ? settings.syncInterval() : settings.refreshAfter())))
          .map(s -> s.scope).limit(LeaseBook.MAX_REFRESH_BATCH).toList();
    } finally {
      lock.unlock();
    }
    if (!stale.isEmpty()) {
      absorb(stale, readShared(stale, now), now);
    }
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
    lock.lock();
    try {
      if (states.size() + scopes.size() > settings.maxScopes()) {
        states.values().removeIf(s -> !s.hasLeases());
        if (states.size() + scopes.size() > settings.maxScopes()) { // every one holds a slice
          throw new StoreUnavailableException("this replica holds slices of "
              + settings.maxScopes() + " budgets already; more wait until some idle");
        }
      }
      for (Scope scope : scopes) {
        BudgetSnapshot b = byKey.get(scope.storageKey());
        ScopeState s = states.computeIfAbsent(scope,
            k -> new ScopeState(scope, Optional.empty(), Money.ZERO, now));
        s.budget = Optional.ofNullable(b).map(BudgetSnapshot::budget);
        s.sharedAvailable = b == null ? Money.ZERO : b.available().max(Money.ZERO);
        s.sharedPosted = b == null ? Money.ZERO : b.posted();
        s.sharedWindow = b == null ? null : b.window();
        s.fetchedAt = now;
      }
    } finally {
      lock.unlock();
    }
  }

}
