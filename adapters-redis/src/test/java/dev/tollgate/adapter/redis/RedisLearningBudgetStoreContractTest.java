package dev.tollgate.adapter.redis;

import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.contract.BudgetStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The budget contract with learning from a durable store on, as the app wires it. */
class RedisLearningBudgetStoreContractTest extends BudgetStoreContract {

  private static RedisSettings settings;
  private static RedisSettings durableSettings;
  private static RedisStores durable;
  private static RedisStores stores;

  @BeforeAll
  static void open() {
    settings = TestRedis.fresh();
    durableSettings = TestRedis.fresh();
    durable = RedisStores.open(durableSettings);
    stores = RedisStores.open(settings,
        new RedisStores.Durable(durable.budgets(), durable.rates(), durable.slots()));
  }

  @AfterAll
  static void close() {
    if (stores != null) {
      stores.close();
      durable.close();
      TestRedis.clean(settings);
      TestRedis.clean(durableSettings);
    }
  }

  @Override
  protected BudgetStore newStore() {
    return stores.budgets();
  }
}
