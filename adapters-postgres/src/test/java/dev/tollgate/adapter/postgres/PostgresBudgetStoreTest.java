package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.contract.BudgetStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresBudgetStoreTest extends BudgetStoreContract {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  @Override
  protected BudgetStore newStore() {
    return SCHEMA.stores().budgets();
  }
}
