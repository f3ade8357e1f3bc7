package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.SlotStore;
import dev.tollgate.port.out.contract.SlotStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSlotStoreTest extends SlotStoreContract {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  @Override
  protected SlotStore newStore() {
    return SCHEMA.stores().slots();
  }
}
