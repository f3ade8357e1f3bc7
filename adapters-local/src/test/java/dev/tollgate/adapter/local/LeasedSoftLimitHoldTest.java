package dev.tollgate.adapter.local;

import dev.tollgate.adapter.memory.InMemoryBudgetStore;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.contract.SoftLimitHoldContract;
import java.time.Clock;

/**
 * The leased store reports a budget past its soft limit from its own view (the last shared read,
 * or what it posted since), so a tenant's demotion policy works on the durable default with no
 * extra read on the request path.
 */
class LeasedSoftLimitHoldTest extends SoftLimitHoldContract {

  @Override
  protected BudgetStore newStore() {
    return new LeasedBudgetStore(new InMemoryBudgetStore(), LeaseSettings.defaults(), "r1",
        new StoreHealth(Clock.systemUTC(), true));
  }
}
