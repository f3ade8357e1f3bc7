package dev.tollgate.adapter.redis;

import dev.tollgate.port.out.AdmissionStore;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.SlotStore;
import java.util.Optional;

/** The stores Redis holds, over one connection; closing it closes the connection. */
public final class RedisStores implements AutoCloseable {

  private final RedisConnection redis;
  private final RedisBudgetStore budgets;
  private final RedisRateWindowStore rates;
  private final RedisSlotStore slots;
  private final RedisAdmissionStore admissions;

  /** Where definitions Redis lost (it restarted empty) are learned again, scope by scope. */
  public record Durable(BudgetStore budgets, RateWindowStore rates, SlotStore slots) {}

  private RedisStores(RedisConnection redis, Optional<Durable> durable) {
    this.redis = redis;
    this.budgets = new RedisBudgetStore(redis, durable.map(Durable::budgets));
    this.rates = new RedisRateWindowStore(redis, durable.map(Durable::rates));
    this.slots = new RedisSlotStore(redis, durable.map(Durable::slots));
    this.admissions = new RedisAdmissionStore(redis, slots, rates, budgets);
  }

  /**
   * Connects (and loads the scripts); throws {@code StoreUnavailableException} naming the
   * redacted URI when Redis cannot be reached, so a misconfigured start fails at once. Redis
   * alone: what it does not know is not limited.
   */
  public static RedisStores open(RedisSettings settings) {
    return new RedisStores(RedisConnection.open(settings), Optional.empty());
  }

  /**
   * As {@link #open(RedisSettings)}, learning each scope Redis lost from {@code durable} before
   * trusting Redis with it: budgets with their current window's posted total, rate and slot
   * limits. The durable stores must hold every definition (write them there first).
   */
  public static RedisStores open(RedisSettings settings, Durable durable) {
    return new RedisStores(RedisConnection.open(settings), Optional.of(durable));
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

  /** Slots, windows and holds of one request in one round trip on admission, one at its end. */
  public AdmissionStore admissions() {
    return admissions;
  }

  /** Runs {@code action} on a thread of its own each time the connection to Redis is lost. */
  public void onConnectionLost(Runnable action) {
    redis.onConnectionLost(action);
  }

  /** Throws {@code StoreUnavailableException} unless Redis answers within the command timeout. */
  public void ping() {
    redis.ping();
  }

  /**
   * This Redis's epoch: a random value kept under {@code {prefix}:epoch}, written by the first
   * replica that finds none. A Redis that restarted empty (no persistence) answers a new one; a
   * Sentinel failover to a replica that has the data, or a Cluster node answering for our slot,
   * keeps it. Throws {@code StoreUnavailableException} unless Redis answers within the command
   * timeout.
   */
  public String serverId() {
    return redis.epoch().id();
  }

  /** {@link #serverId()} with how long ago the epoch began, by Redis's clock. */
  public RedisConnection.Epoch epoch() {
    return redis.epoch();
  }

  /**
   * Every script from now on runs only while Redis has this epoch (the epoch fence): a replica
   * that has not noticed a restart cannot use the empty Redis. The probe adopts a new epoch after
   * it has stopped using Redis and before it places its running requests' holds there again.
   */
  public void adopt(String epoch) {
    redis.adopt(epoch);
  }

  @Override
  public void close() {
    redis.close();
  }
}
