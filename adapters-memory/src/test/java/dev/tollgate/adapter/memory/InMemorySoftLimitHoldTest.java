package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.contract.SoftLimitHoldContract;

class InMemorySoftLimitHoldTest extends SoftLimitHoldContract {

  @Override
  protected BudgetStore newStore() {
    return new InMemoryBudgetStore();
  }
}
