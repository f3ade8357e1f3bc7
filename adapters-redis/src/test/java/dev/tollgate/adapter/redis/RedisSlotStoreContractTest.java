package dev.tollgate.adapter.redis;

import dev.tollgate.port.out.SlotStore;
import dev.tollgate.port.out.contract.SlotStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SlotStore contract on the machine's Redis, in a keyspace of this class's own. */
class RedisSlotStoreContractTest extends SlotStoreContract {

  @RegisterExtension static final RedisKeyspace redis = new RedisKeyspace();

  @Override
  protected SlotStore newStore() {
    return redis.stores().slots();
  }
}
