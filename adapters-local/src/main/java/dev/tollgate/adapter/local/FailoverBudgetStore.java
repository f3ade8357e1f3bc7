package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.domain.budget.Settlement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Budget holds on a fast shared store (Redis), on the local leased state while it is down
 * ({@link SharedStateFailover}). A hold is settled or released where it was placed. At the cut,
 * this replica's holds still open on the fast store are carried into the local state (same id,
 * amount, scopes) before it admits anything, so the slices it leases cover the requests already
 * running; their settlements go to both, the fast store's once it is back. What the local state
 * settled is replayed into the fast store (an unknown hold id is posted in full), so its posted
 * totals include the outage's spend when it is trusted again.
 */
public final class FailoverBudgetStore implements BudgetStore {

  private final BudgetStore fast;
  private final BudgetStore local;
  private final SharedStateFailover failover;
  private final java.util.function.Supplier<List<dev.tollgate.domain.ledger.SpendEntry>> unposted;
  /** Holds the local state placed or carried. */
  private final Routes<HoldId, HoldRequest> placedLocally =
      new Routes<>(SharedStateFailover.MAX_ROUTES);
  /** Holds open on the fast store: what a cut carries over. */
  private final Routes<HoldId, HoldRequest> open = new Routes<>(SharedStateFailover.MAX_ROUTES);
  private long carried;
  private long carryRefused;
  private List<dev.tollgate.domain.ledger.SpendEntry> unpostedAtCut = List.of();
  private long replaceRefused;

  /** Without a journal: nothing settled here can be missing from the durable store. */
  public FailoverBudgetStore(BudgetStore fast, BudgetStore local, SharedStateFailover failover) {
    this(fast, local, failover, List::of);
  }

  /**
   * @param unposted the spend records this replica's journal has not yet posted to the durable
   *     store: a fast store that restarted empty learns budgets from the durable store, so they
   *     are settled on it again (before the live holds are placed again)
   */
  public FailoverBudgetStore(BudgetStore fast, BudgetStore local, SharedStateFailover failover,
      java.util.function.Supplier<List<dev.tollgate.domain.ledger.SpendEntry>> unposted) {
    this.fast = fast;
    this.local = local;
    this.failover = failover;
    this.unposted = unposted;
    failover.onCut(this::carryOpenHolds);
    failover.onRestart(this::placeLiveHoldsAgain);
  }

  @Override
  public void putBudget(Budget budget) {
    fast.putBudget(budget);
  }

  @Override
  public boolean removeBudget(Scope scope) {
    return fast.removeBudget(scope);
  }

  @Override
  public Optional<Budget> budgetOf(Scope scope) {
    return fast.budgetOf(scope);
  }

  @Override
  public HoldOutcome placeHold(HoldRequest request) {
    SharedStateFailover.Served<HoldOutcome> served =
        failover.serve(() -> fast.placeHold(request), () -> holdLocally(request));
    if (!served.local() && served.value() instanceof HoldOutcome.Held) {
      heldFast(request);
    }
    return served.value();
  }

  /** The fast store holds this: a cut carries it into the local state. */
  void heldFast(HoldRequest request) {
    open.put(request.id(), request);
  }

  /** The local state's hold, remembered so that its settlement goes there too. */
  HoldOutcome holdLocally(HoldRequest request) {
    HoldOutcome outcome = local.placeHold(request);
    if (outcome instanceof HoldOutcome.Held) {
      placedLocally.put(request.id(), request);
    }
    return outcome;
  }

  @Override
  public Settlement settle(
      HoldId hold, List<Scope> scopes, Instant heldAt, Money actual, Instant now) {
    Optional<Settlement> settledLocally = settleLocally(hold, scopes, heldAt, actual, now);
    Settlement[] answer = {settledLocally.orElse(new Settlement(List.of()))};
    failover.tell(at -> {
      Settlement s = fast.settle(hold, scopes, heldAt, actual, at);
      if (settledLocally.isEmpty()) {
        answer[0] = s;
      }
    }, true, now);
    return answer[0];
  }

  /**
   * The local part of a settlement: the hold is no longer open on the fast store, and is settled
   * on the local state when it was placed there (its answer); the fast store is told apart.
   */
  Optional<Settlement> settleLocally(
      HoldId hold, List<Scope> scopes, Instant heldAt, Money actual, Instant now) {
    open.remove(hold);
    return placedLocally.remove(hold).map(l -> local.settle(hold, scopes, heldAt, actual, now));
  }

  @Override
  public boolean release(HoldId hold) {
    boolean[] released = {releaseLocally(hold)};
    failover.tell(at -> released[0] |= fast.release(hold), true);
    return released[0];
  }

  /** The local part of a release (as {@link #settleLocally}); true if the local state held it. */
  boolean releaseLocally(HoldId hold) {
    open.remove(hold);
    return placedLocally.remove(hold).map(l -> local.release(hold)).orElse(false);
  }

  /**
   * A predecessor run's holds by prefix: its lease holds live in the local state's shared store,
   * its requests' holds may be on the fast store too (told when it answers).
   */
  @Override
  public int releaseAll(dev.tollgate.domain.budget.HoldPrefix prefix) {
    int[] released = {local.releaseAll(prefix)};
    failover.attempt(at -> released[0] += fast.releaseAll(prefix)); // the failover's clock
    return released[0];
  }

  @Override
  public int expireHolds(Instant now) {
    int[] expired = {local.expireHolds(now)};
    failover.attempt(at -> expired[0] += fast.expireHolds(at), now);
    return expired[0];
  }

  @Override
  public Optional<BudgetSnapshot> snapshot(Scope scope, Instant now) {
    return failover.serve(() -> fast.snapshot(scope, now), () -> local.snapshot(scope, now)).value();
  }

  @Override
  public List<BudgetSnapshot> snapshots(List<Scope> scopes, Instant now) {
    return failover.serve(() -> fast.snapshots(scopes, now), () -> local.snapshots(scopes, now))
        .value();
  }

  /** At the cut: this replica's open holds on the fast store, held on the local state too. */
  private void carryOpenHolds() {
    // What the fast store had posted that the durable one may not have yet: if it restarted,
    // these may reach the durable store only after the budget was learned back from it.
    synchronized (this) {
      unpostedAtCut = List.copyOf(unposted.get());
    }
    for (Map.Entry<HoldId, HoldRequest> e : open.drain().entrySet()) {
      HoldRequest r = e.getValue();
      if (!r.expiresAt().isAfter(r.now())) {
        continue;
      }
      HoldOutcome outcome = local.placeHold(r);
      synchronized (this) {
        if (outcome instanceof HoldOutcome.Held) {
          carried++;
        } else {
          carryRefused++;
          failover.uncovered(r.amount().nanoUsd());
        }
      }
      placedLocally.put(e.getKey(), r);
    }
  }

  /**
   * The fast store restarted empty and learns budgets back from the durable store: what this
   * replica's journal had not posted there at the cut or has not now is settled on it (a cost
   * the learned total already holds is then counted twice: refusing more, never overspending) (its first settlement learns the
   * budget, then posts), and every hold of a request still running here (placed on it before, or
   * on the local state meanwhile) is placed on it again; a hold it refuses now is counted, the
   * request runs on.
   */
  private void placeLiveHoldsAgain() {
    Instant at = failover.now();
    List<dev.tollgate.domain.ledger.SpendEntry> owed = new java.util.ArrayList<>(unposted.get());
    synchronized (this) {
      owed.addAll(unpostedAtCut);
      unpostedAtCut = List.of();
    }
    for (dev.tollgate.domain.ledger.SpendEntry e : owed) { // settling is idempotent by hold id
      Settle s = BudgetPostingLedger.settlementOf(e);
      fast.settle(s.hold(), s.scopes(), s.heldAt(), s.actual(), at);
    }
    java.util.List<HoldRequest> live = new java.util.ArrayList<>(open.snapshot().values());
    live.addAll(placedLocally.snapshot().values());
    for (HoldRequest r : live) {
      if (fast.placeHold(r) instanceof HoldOutcome.Refused) {
        synchronized (this) {
          replaceRefused++;
        }
        failover.uncovered(r.amount().nanoUsd());
      }
    }
  }

  /** Live holds the fast store refused when placed again after it restarted empty. */
  public synchronized long replaceRefused() {
    return replaceRefused;
  }

  /** Holds carried into the local state at cuts, and those it could not cover. */
  public synchronized long carried() {
    return carried;
  }

  public synchronized long carryRefused() {
    return carryRefused;
  }
}
