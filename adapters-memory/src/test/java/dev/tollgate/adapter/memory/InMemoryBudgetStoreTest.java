package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.contract.BudgetStoreContract;

class InMemoryBudgetStoreTest extends BudgetStoreContract {

  @Override
  protected BudgetStore newStore() {
    return new InMemoryBudgetStore();
  }
}
