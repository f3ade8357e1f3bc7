package dev.tollgate.adapter.redis;

import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.contract.SoftLimitHoldContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SoftLimitHold contract on the machine's Redis, in a keyspace of this class's own. */
class RedisSoftLimitHoldContractTest extends SoftLimitHoldContract {

  @RegisterExtension static final RedisKeyspace redis = new RedisKeyspace();

  @Override
  protected BudgetStore newStore() {
    return redis.stores().budgets();
  }
}
