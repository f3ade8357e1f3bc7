package dev.tollgate.adapter.redis;

import dev.tollgate.port.out.contract.AdmissionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AdmissionStore contract on the machine's Redis (admit.lua, finish.lua), a keyspace its own. */
class RedisAdmissionStoreContractTest extends AdmissionStoreContract {

  @RegisterExtension static final RedisKeyspace redis = new RedisKeyspace();

  @Override
  protected Parts newParts() {
    RedisStores s = redis.stores();
    return new Parts(s.admissions(), s.slots(), s.rates(), s.budgets());
  }
}
