package dev.tollgate.adapter.redis;

import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.contract.BudgetStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The BudgetStore contract on the machine's Redis, in a keyspace of this class's own. */
class RedisBudgetStoreContractTest extends BudgetStoreContract {

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
  protected BudgetStore newStore() {
    return stores.budgets();
  }
}
