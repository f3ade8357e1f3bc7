package dev.tollgate.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.SlotStore;
import dev.tollgate.port.out.contract.BudgetStoreContract;
import dev.tollgate.port.out.contract.RateWindowStoreContract;
import dev.tollgate.port.out.contract.SlotStoreContract;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contracts through a live Sentinel ({@code redis-sentinel://} URL): Lettuce asks the
 * Sentinel for the master it watches and runs every script there, as a Sentinel-managed
 * deployment would. Failover itself is the Sentinel's; what is Tollgate's is reaching the master
 * by name and keeping its keys there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisSentinelContractIT {

  private final String prefix = "test-" + UUID.randomUUID();
  private LocalRedisSentinel sentinel;
  private RedisStores stores;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    sentinel = new LocalRedisSentinel(dir);
    stores = RedisStores.open(RedisSettings.of(sentinel.url()).withKeyPrefix(prefix));
  }

  @AfterAll
  void stop() throws Exception {
    if (stores != null) {
      stores.close();
    }
    if (sentinel != null) {
      sentinel.close();
    }
  }

  @Test
  void theStoresReachTheMasterTheSentinelNames() throws Exception {
    stores.ping();
    assertThat(stores.serverId()).isNotBlank();
    // the first serverId() writes the epoch: it is on the master the Sentinel named
    assertThat(sentinel.keysOnTheMaster(prefix)).isPositive();
  }

  @Nested
  class Budgets extends BudgetStoreContract {
    @Override
    protected BudgetStore newStore() {
      return stores.budgets();
    }
  }

  @Nested
  class Rates extends RateWindowStoreContract {
    @Override
    protected RateWindowStore newStore() {
      return stores.rates();
    }
  }

  @Nested
  class Slots extends SlotStoreContract {
    @Override
    protected SlotStore newStore() {
      return stores.slots();
    }
  }
}
