package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.contract.RateWindowStoreContract;

class InMemoryRateWindowStoreTest extends RateWindowStoreContract {

  @Override
  protected RateWindowStore newStore() {
    return new InMemoryRateWindowStore();
  }
}
