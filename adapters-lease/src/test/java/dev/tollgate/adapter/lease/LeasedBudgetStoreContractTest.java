package dev.tollgate.adapter.lease;

import dev.tollgate.adapter.memory.InMemoryBudgetStore;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.BudgetSnapshot;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.Settlement;
import dev.tollgate.port.out.contract.BudgetStoreContract;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A leased budget store is still a budget store, as one replica sees it, with its journal
 * forwarding at once: each settlement is also posted on the shared budgets, as
 * {@link BudgetPostingLedger} does for each forwarded ledger entry.
 */
class LeasedBudgetStoreContractTest extends BudgetStoreContract {

  @Override
  protected BudgetStore newStore() {
    InMemoryBudgetStore shared = new InMemoryBudgetStore();
    LeasedBudgetStore leased = new LeasedBudgetStore(shared, LeaseSettings.defaults(), "r1",
        new StoreHealth(Clock.systemUTC(), true));
    return new WithInstantJournal(leased, shared);
  }

  private record WithInstantJournal(LeasedBudgetStore leased, BudgetStore shared) implements BudgetStore {
    @Override
    public Settlement settle(HoldId hold, List<Scope> scopes, Instant heldAt, Money actual, Instant now) {
      Settlement local = leased.settle(hold, scopes, heldAt, actual, now);
      leased.postingStarted();
      try {
        shared.settle(hold, scopes, heldAt, actual, now);
      } finally {
        leased.postingFinished(List.of(hold));
      }
      return local;
    }

    @Override
    public void putBudget(Budget budget) {
      leased.putBudget(budget);
    }

    @Override
    public boolean removeBudget(Scope scope) {
      return leased.removeBudget(scope);
    }

    @Override
    public Optional<Budget> budgetOf(Scope scope) {
      return leased.budgetOf(scope);
    }

    @Override
    public HoldOutcome placeHold(HoldRequest request) {
      return leased.placeHold(request);
    }

    @Override
    public boolean release(HoldId hold) {
      return leased.release(hold);
    }

    @Override
    public int expireHolds(Instant now) {
      return leased.expireHolds(now);
    }

    @Override
    public Optional<BudgetSnapshot> snapshot(Scope scope, Instant now) {
      return leased.snapshot(scope, now);
    }

    @Override
    public List<BudgetSnapshot> snapshots(List<Scope> scopes, Instant now) {
      return leased.snapshots(scopes, now);
    }
  }
}
