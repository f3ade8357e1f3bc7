package dev.tollgate.adapter.redis;

import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.contract.BudgetStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The BudgetStore contract on the machine's Redis, in a keyspace of this class's own. */
class RedisBudgetStoreContractTest extends BudgetStoreContract {

  @RegisterExtension static final RedisKeyspace redis = new RedisKeyspace();

  @Override
  protected BudgetStore newStore() {
    return redis.stores().budgets();
  }
}
