package dev.tollgate.adapter.memory;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.SlotPool;
import dev.tollgate.port.out.SlotOutcome;
import dev.tollgate.port.out.SlotStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parallel-request slots under one lock; a multi-scope take is all-or-nothing. */
public final class InMemorySlotStore implements SlotStore {

  private final Map<String, ParallelLimit> limits = new HashMap<>();
  private final Map<String, SlotPool> pools = new HashMap<>();

  @Override
  public synchronized void putLimit(ParallelLimit limit) {
    String key = limit.scope().storageKey();
    limits.put(key, limit);
    SlotPool old = pools.get(key);
    if (old == null || old.limit() != limit.maxInFlight()) {
      pools.put(key, new SlotPool(limit.maxInFlight()));
    }
  }

  @Override
  public synchronized boolean removeLimit(Scope scope) {
    pools.remove(scope.storageKey());
    return limits.remove(scope.storageKey()) != null;
  }

  @Override
  public synchronized Optional<ParallelLimit> limitOf(Scope scope) {
    return Optional.ofNullable(limits.get(scope.storageKey()));
  }

  @Override
  public synchronized SlotOutcome tryAcquire(
      List<Scope> scopes, String holder, Instant expiresAt, Instant now) {
    List<Scope> limited = new ArrayList<>();
    List<Scope> newlyTaken = new ArrayList<>();
    for (Scope scope : scopes) {
      SlotPool pool = pools.get(scope.storageKey());
      if (pool == null) {
        continue;
      }
      SlotPool.Take take = pool.take(holder, expiresAt, now);
      if (take == SlotPool.Take.FULL) {
        // Undo only what this call took: a slot the holder already had stays taken.
        newlyTaken.forEach(s -> pools.get(s.storageKey()).release(holder));
        return new SlotOutcome.Busy(limits.get(scope.storageKey()));
      }
      if (take == SlotPool.Take.TAKEN) {
        newlyTaken.add(scope);
      }
      limited.add(scope);
    }
    return new SlotOutcome.Acquired(limited);
  }

  @Override
  public synchronized void release(List<Scope> scopes, String holder) {
    for (Scope scope : scopes) {
      SlotPool pool = pools.get(scope.storageKey());
      if (pool != null) {
        pool.release(holder);
      }
    }
  }

  @Override
  public synchronized int inUse(Scope scope, Instant now) {
    SlotPool pool = pools.get(scope.storageKey());
    return pool == null ? 0 : pool.inUse(now);
  }
}
