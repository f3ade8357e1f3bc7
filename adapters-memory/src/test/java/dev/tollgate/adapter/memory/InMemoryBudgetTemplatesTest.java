package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.BudgetTemplates;
import dev.tollgate.port.out.contract.BudgetTemplatesContract;

class InMemoryBudgetTemplatesTest extends BudgetTemplatesContract {

  @Override
  protected BudgetTemplates newStore() {
    return new InMemoryBudgetTemplates();
  }
}
