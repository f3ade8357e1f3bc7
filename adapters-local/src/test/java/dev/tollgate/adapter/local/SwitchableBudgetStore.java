package dev.tollgate.adapter.local;

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
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A shared budget store that counts its calls and can be cut off like a database. */
final class SwitchableBudgetStore implements BudgetStore {

  private final BudgetStore store;
  final AtomicInteger calls = new AtomicInteger();
  volatile boolean down;

  SwitchableBudgetStore(BudgetStore store) {
    this.store = store;
  }

  private void call() {
    calls.incrementAndGet();
    if (down) {
      throw new StoreUnavailableException("cut off by the test");
    }
  }

  @Override
  public void putBudget(Budget budget) {
    call();
    store.putBudget(budget);
  }

  @Override
  public boolean removeBudget(Scope scope) {
    call();
    return store.removeBudget(scope);
  }

  @Override
  public Optional<Budget> budgetOf(Scope scope) {
    call();
    return store.budgetOf(scope);
  }

  @Override
  public HoldOutcome placeHold(HoldRequest request) {
    call();
    return store.placeHold(request);
  }

  @Override
  public Settlement settle(HoldId hold, List<Scope> scopes, Instant heldAt, Money actual, Instant now) {
    call();
    return store.settle(hold, scopes, heldAt, actual, now);
  }

  @Override
  public boolean release(HoldId hold) {
    call();
    return store.release(hold);
  }

  @Override
  public int releaseAll(HoldPrefix prefix) {
    call();
    return store.releaseAll(prefix);
  }

  @Override
  public int expireHolds(Instant now) {
    call();
    return store.expireHolds(now);
  }

  @Override
  public Optional<BudgetSnapshot> snapshot(Scope scope, Instant now) {
    call();
    return store.snapshot(scope, now);
  }

  @Override
  public List<BudgetSnapshot> snapshots(List<Scope> scopes, Instant now) {
    call();
    return store.snapshots(scopes, now);
  }
}
