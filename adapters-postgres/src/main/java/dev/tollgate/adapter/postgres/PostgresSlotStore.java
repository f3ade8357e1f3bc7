package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.SlotMapper.SlotLimitRow;
import dev.tollgate.adapter.postgres.SlotMapper.SlotRow;
import dev.tollgate.adapter.postgres.SlotMapper.UseRow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.port.out.SlotOutcome;
import dev.tollgate.port.out.SlotStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parallel-request slots as rows with an expiry. Taking and giving back lock the scopes' limit
 * rows in one order first, so a scope's slots only ever change under its limit's lock: a take on
 * several scopes is all or nothing, and the count never exceeds the limit across replicas.
 */
public final class PostgresSlotStore implements SlotStore {

  private final Db db;

  PostgresSlotStore(Db db) {
    this.db = db;
  }

  @Override
  public void putLimit(ParallelLimit limit) {
    String key = limit.scope().storageKey();
    db.inTransaction("put parallel limit", tx -> {
      SlotMapper slots = tx.mapper(SlotMapper.class);
      List<SlotLimitRow> old = slots.lockLimits(List.of(key));
      slots.putLimit(new SlotLimitRow(key, limit.maxInFlight()));
      if (old.isEmpty() || old.getFirst().maxInFlight() != limit.maxInFlight()) {
        slots.clear(key); // a new limit starts with every slot free, as a new pool would
      }
      return null;
    });
  }

  @Override
  public boolean removeLimit(Scope scope) {
    return db.inTransaction("remove parallel limit", tx -> {
      SlotMapper slots = tx.mapper(SlotMapper.class);
      slots.clear(scope.storageKey());
      return slots.removeLimit(scope.storageKey()) > 0;
    });
  }

  @Override
  public Optional<ParallelLimit> limitOf(Scope scope) {
    return Optional.ofNullable(db.read("read parallel limit",
            tx -> tx.mapper(SlotMapper.class).limit(scope.storageKey())))
        .map(row -> new ParallelLimit(scope, row.maxInFlight()));
  }

  @Override
  public SlotOutcome tryAcquire(List<Scope> scopes, String holder, Instant expiresAt, Instant now) {
    List<String> keys = ScopeKeys.keys(scopes);
    if (keys.isEmpty()) {
      return new SlotOutcome.Acquired(List.of());
    }
    return db.inTransaction("take parallel slots", tx -> take(tx, scopes, keys, holder, expiresAt,
        now));
  }

  private static SlotOutcome take(
      Tx tx, List<Scope> scopes, List<String> keys, String holder, Instant expiresAt, Instant now) {
    SlotMapper slots = tx.mapper(SlotMapper.class);
    Map<String, Integer> limits = new HashMap<>();
    slots.lockLimits(keys).forEach(l -> limits.put(l.scopeKey(), l.maxInFlight()));
    if (limits.isEmpty()) {
      return new SlotOutcome.Acquired(List.of());
    }
    List<String> limitedKeys = List.copyOf(limits.keySet());
    slots.lapse(limitedKeys, now);
    Map<String, UseRow> uses = new HashMap<>();
    slots.uses(limitedKeys, holder).forEach(u -> uses.put(u.scopeKey(), u));
    List<Scope> limited = new ArrayList<>();
    List<SlotRow> taken = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Scope scope : scopes) {
      String key = scope.storageKey();
      Integer max = limits.get(key);
      if (max == null || !seen.add(key)) {
        continue;
      }
      UseRow use = uses.get(key);
      boolean mine = use != null && use.mine();
      if (!mine && (use == null ? 0 : use.inUse()) >= max) {
        tx.rollbackOnly(); // nothing this call took stays taken
        return new SlotOutcome.Busy(new ParallelLimit(scope, max));
      }
      if (!mine) {
        taken.add(new SlotRow(key, holder, expiresAt));
      }
      limited.add(scope);
    }
    if (!taken.isEmpty()) {
      slots.take(taken);
    }
    return new SlotOutcome.Acquired(limited);
  }

  @Override
  public void release(List<Scope> scopes, String holder) {
    List<String> keys = ScopeKeys.keys(scopes);
    if (keys.isEmpty()) {
      return;
    }
    db.inTransaction("give back parallel slots", tx -> {
      SlotMapper slots = tx.mapper(SlotMapper.class);
      List<String> limited = slots.lockLimits(keys).stream().map(SlotLimitRow::scopeKey).toList();
      return limited.isEmpty() ? 0 : slots.release(limited, holder);
    });
  }

  /**
   * One transaction under the scope's limit lock: the given-back slots go first, so a replica
   * replacing its slots (renewed ones, a count gone down and up) never needs room for both.
   */
  @Override
  public Mirrored mirror(
      Scope scope, List<String> give, List<String> take, Instant expiresAt, Instant now) {
    String key = scope.storageKey();
    if (give.isEmpty() && take.isEmpty()) {
      return new Mirrored(0, inUse(scope, now));
    }
    return db.inTransaction("mirror parallel slots", tx -> {
      SlotMapper slots = tx.mapper(SlotMapper.class);
      List<SlotLimitRow> limit = slots.lockLimits(List.of(key));
      if (limit.isEmpty()) {
        return new Mirrored(take.size(), slots.inUse(key, now));
      }
      slots.lapse(List.of(key), now);
      if (!give.isEmpty()) {
        slots.releaseAll(key, give.toArray(String[]::new));
      }
      int inUse = slots.inUse(key, now);
      int taken = Math.min(take.size(), Math.max(0, limit.getFirst().maxInFlight() - inUse));
      if (taken > 0) {
        inUse += slots.takeAll(key, take.subList(0, taken).toArray(String[]::new), expiresAt);
      }
      return new Mirrored(taken, inUse);
    });
  }

  @Override
  public int inUse(Scope scope, Instant now) {
    return db.read("count parallel slots",
        tx -> tx.mapper(SlotMapper.class).inUse(scope.storageKey(), now));
  }
}
