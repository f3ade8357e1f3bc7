package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.BudgetTemplates;
import dev.tollgate.port.out.contract.BudgetTemplatesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresBudgetTemplatesTest extends BudgetTemplatesContract {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  @Override
  protected BudgetTemplates newStore() {
    return SCHEMA.postgres().budgetTemplates();
  }
}
