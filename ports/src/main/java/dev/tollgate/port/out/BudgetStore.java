package dev.tollgate.port.out;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.HoldPrefix;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Budgets and their holds. Every operation is atomic across all the scopes it touches, within one
 * process and across replicas that share the store, so a budget is never overspent by concurrency.
 *
 * <p>The port speaks only of holds, which is what lets each replica hold a lease: a slice of the
 * remaining budget held on the shared store as lease holds, swapped for one new hold when it is
 * renewed ({@link HoldRequest#replacing()}), against which the replica admits requests locally
 * (adapters-local). The shared invariant (posted + held &lt;= limit) still holds, and the hot path
 * makes no round trip while the slice lasts.
 *
 * <p>{@link #settle} means one thing in every wiring: from that call on, the cost counts as posted
 * in every snapshot read through this store. A store in front of a shared one may carry it there
 * later (the journal posts it, see adapters-local), which changes nothing read through it.
 */
public interface BudgetStore {

  /** Creates or replaces the budget of {@code budget.scope()}; spend already posted is kept. */
  void putBudget(Budget budget);

  boolean removeBudget(Scope scope);

  Optional<Budget> budgetOf(Scope scope);

  /**
   * Holds the amount on the current window of every listed scope that has a budget (scopes
   * without one are skipped), or on none. Expired holds are dropped first.
   */
  HoldOutcome placeHold(HoldRequest request);

  /**
   * Posts {@code actual} on the budget of every listed scope, in the window {@code heldAt} falls
   * in, and releases the rest of the hold. A hold that expired or never existed is posted all the
   * same and reported as overage: usage that happened is never dropped. Settling a hold that was
   * already settled posts nothing and answers the first settlement again (a retry, or a journal
   * replayed after a crash, never posts twice); settled hold ids are remembered for at least a
   * day.
   */
  Settlement settle(HoldId hold, List<Scope> scopes, Instant heldAt, Money actual, Instant now);

  /** One settlement of a batch: what {@link #settle} takes. */
  record Settle(HoldId hold, List<Scope> scopes, Instant heldAt, Money actual) {
    public Settle {
      scopes = List.copyOf(scopes);
    }
  }

  /**
   * Settles each as {@link #settle} does (each at most once, by hold id), all at {@code now}. A
   * store may do the whole batch in one round trip; the default settles them one by one.
   */
  default void settleAll(List<Settle> settlements, Instant now) {
    for (Settle s : settlements) {
      settle(s.hold(), s.scopes(), s.heldAt(), s.actual(), now);
    }
  }

  /** Voids a hold everywhere. False if there was none. */
  boolean release(HoldId hold);

  /**
   * Voids every live hold whose id starts with {@code prefix}, everywhere, as {@link #release}
   * does each; returns how many there were. What a restarted replica calls to give back the lease
   * holds of the run it succeeds, once nothing depends on them (adapters-local).
   */
  int releaseAll(HoldPrefix prefix);

  /** Drops every hold that expired at or before {@code now}; returns how many accounts changed. */
  int expireHolds(Instant now);

  /** The budget of one scope in the window {@code now} falls in; empty if it has no budget. */
  Optional<BudgetSnapshot> snapshot(Scope scope, Instant now);

  /** Snapshots of every listed scope that has a budget, in the order given. */
  default List<BudgetSnapshot> snapshots(List<Scope> scopes, Instant now) {
    return scopes.stream().map(s -> snapshot(s, now)).flatMap(Optional::stream).toList();
  }
}
