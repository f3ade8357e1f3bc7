package dev.tollgate.adapter.local;

import dev.tollgate.adapter.memory.InMemoryBudgetStore;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.HoldPrefix;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.contract.BudgetStoreContract;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;

/**
 * A leased budget store is a budget store, as one replica sees it, whenever its journal posts:
 * {@code settle} means the same thing in every wiring (the cost counts against the budget from
 * that call on, in every snapshot read through the store), and the journal's posting moves it to
 * the shared store without changing anything read through this one. So the contract runs twice:
 * with the journal lagging (nothing posted, as in an outage) and with each settlement posted at
 * once, as {@link BudgetPostingLedger} does for each forwarded entry.
 */
class LeasedBudgetStoreContractTest {

  private static LeasedBudgetStore leased(BudgetStore shared) {
    return new LeasedBudgetStore(shared, LeaseSettings.defaults(), "r1",
        new StoreHealth(Clock.systemUTC(), true));
  }

  @Nested
  class JournalLagging extends BudgetStoreContract {
    @Override
    protected BudgetStore newStore() {
      return leased(new InMemoryBudgetStore());
    }
  }

  @Nested
  class PostingAtOnce extends BudgetStoreContract {
    @Override
    protected BudgetStore newStore() {
      InMemoryBudgetStore shared = new InMemoryBudgetStore();
      return new WithInstantJournal(leased(shared), shared);
    }
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
    public int releaseAll(HoldPrefix prefix) {
      return leased.releaseAll(prefix);
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
