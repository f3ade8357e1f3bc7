package dev.tollgate.adapter.redis;

import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.contract.RateWindowStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The RateWindowStore contract on the machine's Redis, in a keyspace of this class's own. */
class RedisRateWindowStoreContractTest extends RateWindowStoreContract {

  @RegisterExtension static final RedisKeyspace redis = new RedisKeyspace();

  @Override
  protected RateWindowStore newStore() {
    return redis.stores().rates();
  }
}
