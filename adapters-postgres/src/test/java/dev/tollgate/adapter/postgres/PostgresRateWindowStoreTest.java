package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.contract.RateWindowStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresRateWindowStoreTest extends RateWindowStoreContract {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  @Override
  protected RateWindowStore newStore() {
    return SCHEMA.stores().rates();
  }
}
