package dev.tollgate.service;

import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.port.in.ReadSpend;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.SpendLedger;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Spend from the ledger; remaining budget from the budget store's current window. */
public final class ReadSpendService implements ReadSpend {

  private final SpendLedger ledger;
  private final BudgetStore budgets;
  private final Clock clock;

  public ReadSpendService(SpendLedger ledger, BudgetStore budgets, Clock clock) {
    this.ledger = ledger;
    this.budgets = budgets;
    this.clock = clock;
  }

  @Override
  public SpendTotal total(SpendQuery query) {
    return ledger.total(query);
  }

  @Override
  public List<SpendEntry> entries(SpendQuery query, int offset, int limit) {
    return ledger.entries(query, offset, limit);
  }

  @Override
  public Optional<SpendEntry> entryOf(RequestId request) {
    return ledger.find(request);
  }

  @Override
  public Optional<BudgetSnapshot> budget(Scope scope) {
    return budgets.snapshot(scope, clock.instant());
  }
}
