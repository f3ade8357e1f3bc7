package dev.tollgate.adapter.redis;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's own keyspace on the machine's Redis, opened before its first test and deleted
 * after its last: {@code @RegisterExtension static final RedisKeyspace redis = new RedisKeyspace();}
 */
final class RedisKeyspace implements BeforeAllCallback, AfterAllCallback {

  private RedisSettings settings;
  private RedisStores stores;

  @Override
  public void beforeAll(ExtensionContext context) {
    settings = TestRedis.fresh();
    stores = RedisStores.open(settings);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (stores != null) {
      stores.close();
      TestRedis.clean(settings);
    }
  }

  RedisStores stores() {
    return stores;
  }

  RedisSettings settings() {
    return settings;
  }
}
