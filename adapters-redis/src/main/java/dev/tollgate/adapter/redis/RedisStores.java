package dev.tollgate.adapter.redis;

import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.SlotStore;

/** The stores Redis holds, over one connection; closing it closes the connection. */
public final class RedisStores implements AutoCloseable {

  private final RedisConnection redis;
  private final RedisBudgetStore budgets;
  private final RedisRateWindowStore rates;
  private final RedisSlotStore slots;

  private RedisStores(RedisConnection redis) {
    this.redis = redis;
    this.budgets = new RedisBudgetStore(redis);
    this.rates = new RedisRateWindowStore(redis);
    this.slots = new RedisSlotStore(redis);
  }

  /**
   * Connects (and loads the scripts); throws {@code StoreUnavailableException} naming the
   * redacted URI when Redis cannot be reached, so a misconfigured start fails at once.
   */
  public static RedisStores open(RedisSettings settings) {
    return new RedisStores(RedisConnection.open(settings));
  }

  public BudgetStore budgets() {
    return budgets;
  }

  public RateWindowStore rates() {
    return rates;
  }

  public SlotStore slots() {
    return slots;
  }

  /** Throws {@code StoreUnavailableException} unless Redis answers within the command timeout. */
  public void ping() {
    redis.ping();
  }

  @Override
  public void close() {
    redis.close();
  }
}
