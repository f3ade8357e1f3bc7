package dev.tollgate.adapter.redis;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.port.out.SlotOutcome;
import dev.tollgate.port.out.SlotStore;
import dev.tollgate.port.out.StoreUnavailableException;
import io.lettuce.core.Range;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parallel slots on Redis: per scope a sorted set of holders by expiry, so a slot lapses at its
 * expiry even if its replica crashed, and the set itself expires with its last slot. A
 * multi-scope take is one script, all-or-nothing across every replica sharing the Redis.
 */
public final class RedisSlotStore implements SlotStore {

  private final RedisConnection redis;
  private final Optional<SlotStore> durable;

  /**
   * @param durable where limits Redis lost are learned again (after it restarted empty); empty:
   *     a limit Redis does not know is no limit
   */
  public RedisSlotStore(RedisConnection redis, Optional<SlotStore> durable) {
    this.redis = redis;
    this.durable = durable;
  }

  @Override
  public void putLimit(ParallelLimit limit) {
    redis.call(c -> {
      c.set(limitKey(limit.scope()), Integer.toString(limit.maxInFlight()));
      return c.del(noneKey(limit.scope()));
    });
  }

  @Override
  public boolean removeLimit(Scope scope) {
    return redis.call(c -> {
      long removed = c.del(limitKey(scope));
      c.del(holdersKey(scope));
      c.set(noneKey(scope), "1");
      return removed > 0;
    });
  }

  @Override
  public Optional<ParallelLimit> limitOf(Scope scope) {
    String def = redis.call(c -> c.get(limitKey(scope)));
    return Optional.ofNullable(def).map(d -> new ParallelLimit(scope, Integer.parseInt(d)));
  }

  @Override
  public SlotOutcome tryAcquire(List<Scope> scopes, String holder, Instant expiresAt, Instant now) {
    List<String> keys = takeKeys(scopes);
    List<String> args = takeArgs(holder, expiresAt, now);
    List<?> reply = Replies.list(redis.run(Script.SLOT_ACQUIRE, keys, args));
    // Redis lost a scope's limit (restarted empty): learn it, at most once per scope, and retry.
    for (int attempt = 0; Replies.number(reply, 0) == 3; attempt++) {
      if (attempt == scopes.size()) {
        throw new StoreUnavailableException("Redis keeps forgetting slot limits while learned");
      }
      learn(scopes.get((int) Replies.number(reply, 1) - 1));
      reply = Replies.list(redis.run(Script.SLOT_ACQUIRE, keys, args));
    }
    return decodeTake(reply, scopes);
  }

  /** Per scope its limit, its holders and its tombstone: what slots_take (steps.lua) reads. */
  List<String> takeKeys(List<Scope> scopes) {
    List<String> keys = new ArrayList<>(scopes.size() * 3);
    for (Scope scope : scopes) {
      keys.add(limitKey(scope));
      keys.add(holdersKey(scope));
      keys.add(noneKey(scope));
    }
    return keys;
  }

  static List<String> takeArgs(String holder, Instant expiresAt, Instant now) {
    return List.of(holder, Long.toString(expiresAt.toEpochMilli()),
        Long.toString(now.toEpochMilli()));
  }

  /** slots_take's answer as the port's. */
  static SlotOutcome decodeTake(List<?> reply, List<Scope> scopes) {
    if (Replies.number(reply, 0) == 0) {
      Scope busy = scopes.get((int) Replies.number(reply, 1) - 1);
      return new SlotOutcome.Busy(new ParallelLimit(busy, (int) Replies.number(reply, 2)));
    }
    List<Scope> taken = new ArrayList<>(reply.size() - 1);
    for (int i = 1; i < reply.size(); i++) {
      taken.add(scopes.get((int) Replies.number(reply, i) - 1));
    }
    return new SlotOutcome.Acquired(taken);
  }

  @Override
  public void release(List<Scope> scopes, String holder) {
    if (scopes.isEmpty()) {
      return; // no limited scope: no round trip
    }
    redis.run(Script.SLOT_RELEASE, holderKeys(scopes), List.of(holder));
  }

  List<String> holderKeys(List<Scope> scopes) {
    return scopes.stream().map(this::holdersKey).toList();
  }

  @Override
  public int inUse(Scope scope, Instant now) {
    // Slots expiring at or before now have lapsed: count only those expiring after it.
    Range<Long> live = Range.from(
        Range.Boundary.excluding(now.toEpochMilli()), Range.Boundary.unbounded());
    return redis.call(c -> c.zcount(holdersKey(scope), live)).intValue();
  }

  void learn(Scope scope) {
    String def = durable.flatMap(d -> d.limitOf(scope))
        .map(l -> Integer.toString(l.maxInFlight())).orElse("");
    redis.run(Script.SEED_LIMIT, List.of(limitKey(scope), noneKey(scope)), List.of(def));
  }

  private String noneKey(Scope scope) {
    return redis.key("slot", "none", scope.storageKey());
  }

  private String limitKey(Scope scope) {
    return redis.key("slot", "limit", scope.storageKey());
  }

  private String holdersKey(Scope scope) {
    return redis.key("slot", "held", scope.storageKey());
  }
}
