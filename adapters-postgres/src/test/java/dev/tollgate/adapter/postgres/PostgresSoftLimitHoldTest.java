package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.contract.SoftLimitHoldContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSoftLimitHoldTest extends SoftLimitHoldContract {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  @Override
  protected BudgetStore newStore() {
    return SCHEMA.stores().budgets();
  }
}
