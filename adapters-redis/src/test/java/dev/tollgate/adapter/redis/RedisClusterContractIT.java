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
 * The store contracts on a real three-node Redis Cluster through Lettuce's cluster client
 * ({@code redis-cluster://} URL): every key of one script shares the prefix's hash tag, so each
 * script runs on the one node owning that slot, and the epoch a restart would change is stable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisClusterContractIT {

  private LocalRedisCluster cluster;
  private RedisStores stores;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    cluster = new LocalRedisCluster(dir);
    stores = RedisStores.open(RedisSettings.of(cluster.url()).withKeyPrefix("test-" + UUID.randomUUID()));
  }

  @AfterAll
  void stop() throws Exception {
    if (stores != null) {
      stores.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theEpochIsStableAndThePingAnswers() {
    stores.ping();
    assertThat(stores.serverId()).isNotBlank().isEqualTo(stores.serverId());
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
