package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.contract.SpendSeriesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The series in one statement over the daily rollup and the raw rows of partial days. */
class PostgresSpendSeriesTest extends SpendSeriesContract {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  @Override
  protected SpendLedger newLedger() {
    return SCHEMA.stores().ledger();
  }
}
