package dev.tollgate.adapter.redis;

import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.contract.RateWindowStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The RateWindowStore contract on the machine's Redis, in a keyspace of this class's own. */
class RedisRateWindowStoreContractTest extends RateWindowStoreContract {

  private static RedisSettings settings;
  private static RedisStores stores;

  @BeforeAll
  static void open() {
    settings = TestRedis.fresh();
    stores = RedisStores.open(settings);
  }

  @AfterAll
  static void close() {
    if (stores != null) {
      stores.close();
      TestRedis.clean(settings);
    }
  }

  @Override
  protected RateWindowStore newStore() {
    return stores.rates();
  }
}
