package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetLease;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one replica knows of one budgeted scope: its budget as last read, what the shared store
 * had left then, and the lease of the current window (plus leases of ended windows or of an old
 * limit, retiring until nothing depends on them). Guarded by {@link LeaseBook}'s lock.
 */
final class ScopeState {

  final Scope scope;
  Optional<Budget> budget;
  Instant fetchedAt;
  Money sharedAvailable;
  Money sharedPosted = Money.ZERO;
  /** The window {@link #sharedPosted} was read for; a new window starts from nothing posted. */
  PeriodWindow sharedWindow;
  BudgetLease lease;
  final List<BudgetLease> retiring = new ArrayList<>(2);

  ScopeState(Scope scope, Optional<Budget> budget, Money sharedAvailable, Instant fetchedAt) {
    this.scope = scope;
    this.budget = budget;
    this.sharedAvailable = sharedAvailable;
    this.fetchedAt = fetchedAt;
  }

  /** The lease of the window {@code now} falls in; an older window's lease retires. */
  BudgetLease leaseAt(Budget b, Instant now) {
    PeriodWindow window = b.period().windowAt(now);
    if (lease != null && !lease.window().equals(window)) {
      retire();
    }
    if (lease == null) {
      lease = new BudgetLease(scope, window, postedIn(window), now);
    }
    return lease;
  }

  /** What the shared store last said was posted in {@code window} (nothing, if not read for it). */
  Money postedIn(PeriodWindow window) {
    return window.equals(sharedWindow) ? sharedPosted : Money.ZERO;
  }

  /**
   * True when posted spend in {@code lease}'s window, as this replica knows it (the last shared
   * read, or the shared amount at the lease's start plus what this replica settled since, the
   * larger), has reached the budget's soft limit: what a tenant's demotion policy acts on.
   */
  boolean pastSoftLimit(BudgetLease lease) {
    Optional<Money> soft = budget.flatMap(Budget::softLimit);
    if (soft.isEmpty()) {
      return false;
    }
    return lease.postedAsSeenHere().max(postedIn(lease.window())).isAtLeast(soft.get());
  }

  Optional<BudgetLease> leaseOf(PeriodWindow window) {
    if (lease != null && lease.window().equals(window)) {
      return Optional.of(lease);
    }
    return retiring.stream().filter(l -> l.window().equals(window)).findFirst();
  }

  /** The current lease retires: new holds take a new one (a new window, limit or no budget). */
  void retire() {
    if (lease != null) {
      retiring.add(lease);
      lease = null;
    }
  }

  /** Every lease of this scope, current first. */
  List<BudgetLease> leases() {
    List<BudgetLease> all = new ArrayList<>(retiring.size() + 1);
    if (lease != null) {
      all.add(lease);
    }
    all.addAll(retiring);
    return all;
  }

  boolean hasLeases() {
    return lease != null || !retiring.isEmpty();
  }

  /**
   * Near the limit: this replica's slice holds a spare worth more than a quarter of what the
   * budget had left for everyone else at the last read ({@link #NEAR_FACTOR}). Such scopes are
   * re-read every background round rather than every refreshAfter, so a slice notices within a
   * round or two that others need what it does not ({@link BudgetLease#hoardsNearTheLimit}).
   */
  boolean nearTheLimit() {
    if (lease == null) {
      return false;
    }
    Money spare = lease.spare();
    return spare.isPositive() && sharedAvailable.nanoUsd() / NEAR_FACTOR < spare.nanoUsd();
  }

  /** How many times its spare a slice's budget must have left to be read only every refreshAfter. */
  static final int NEAR_FACTOR = 4;

  /** A refill's size: a share of what the budget has left, so replicas split the rest. */
  Money slice(int divisor) {
    return BudgetLease.sliceOf(sharedAvailable, divisor);
  }
}
