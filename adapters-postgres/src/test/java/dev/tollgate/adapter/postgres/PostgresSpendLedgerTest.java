package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.contract.SpendLedgerContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSpendLedgerTest extends SpendLedgerContract {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  @Override
  protected SpendLedger newLedger() {
    return SCHEMA.stores().ledger();
  }
}
