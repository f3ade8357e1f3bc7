package dev.tollgate.adapter.local;

import dev.tollgate.adapter.memory.InMemoryRateWindowStore;
import dev.tollgate.adapter.memory.InMemorySlotStore;
import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.SlotStore;
import dev.tollgate.port.out.contract.RateWindowStoreContract;
import dev.tollgate.port.out.contract.SlotStoreContract;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/** The synced stores are still a rate window store and a slot store, as one replica sees them. */
class SyncedStoresContractTest {

  @Nested
  class Rates extends RateWindowStoreContract {
    @Override
    protected RateWindowStore newStore() {
      return new SyncedRateWindowStore(new InMemoryRateWindowStore(), LeaseSettings.defaults(),
          new StoreHealth(Clock.systemUTC(), true));
    }
  }

  @Nested
  class Slots extends SlotStoreContract {
    @Override
    protected SlotStore newStore() {
      return new SyncedSlotStore(new InMemorySlotStore(), LeaseSettings.defaults(), "r1",
          new StoreHealth(Clock.systemUTC(), true));
    }
  }
}
