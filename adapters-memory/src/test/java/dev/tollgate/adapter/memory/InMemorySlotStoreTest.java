package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.SlotStore;
import dev.tollgate.port.out.contract.SlotStoreContract;

class InMemorySlotStoreTest extends SlotStoreContract {

  @Override
  protected SlotStore newStore() {
    return new InMemorySlotStore();
  }
}
