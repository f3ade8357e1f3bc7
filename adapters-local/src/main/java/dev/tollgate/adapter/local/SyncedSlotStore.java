package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.port.out.SlotOutcome;
import dev.tollgate.port.out.SlotStore;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Parallel-request slots taken in memory and mirrored to the shared store in the background. Each
 * replica keeps its in-flight holders locally; every {@link #sync} makes the shared store hold as
 * many slots for this replica as it has in flight (holders {@code <replica>:<n>}, lapsing after
 * the lease TTL so a killed replica's slots free themselves) and reads how many the others hold.
 *
 * <p>Accuracy across replicas: exact within one replica; across replicas a scope can exceed its
 * limit by what the others took since their last sync. In an outage each replica enforces the
 * limit minus the others' last-known count.
 */
public final class SyncedSlotStore implements SlotStore {

  /** Most stale scopes re-read in one sync round; the rest wait for the next. */
  static final int MAX_REFRESH_BATCH = 500;

  private static final class Slots {
    final Scope scope;
    Optional<ParallelLimit> limit;
    Instant fetchedAt;
    final Map<String, Instant> local = new HashMap<>();
    final List<Mirror> mirrored = new ArrayList<>();
    int others;

    Slots(Scope scope, Optional<ParallelLimit> limit, Instant fetchedAt) {
      this.scope = scope;
      this.limit = limit;
      this.fetchedAt = fetchedAt;
    }

    int inUse(Instant now) {
      local.values().removeIf(expiry -> !now.isBefore(expiry));
      return local.size();
    }

    /**
     * Whether one more request fits. The holders held here are counted before they are swept:
     * with expired ones among them the count is high, never low, so a scope below its limit
     * admits without a pass over every request in flight on it (thousands, with long streams on
     * one tenant, under the lock every request takes; {@code SlotAdmissionBenchmark}). Only near
     * the limit are the expired ones swept, and the answer is the same as sweeping first.
     */
    boolean hasRoom(int max, Instant now) {
      return local.size() + others < max || inUse(now) + others < max;
    }
  }

  private record Mirror(String holder, Instant expiresAt) {}

  private final SlotStore shared;
  private final LeaseSettings settings;
  private final String replica;
  private final StoreHealth health;
  /** Every request takes this lock: a {@code ReentrantLock}, not a monitor, for the reason {@link LeaseBook#lock} gives. */
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Scope, Slots> scopes = new HashMap<>();
  private long sequence;

  public SyncedSlotStore(SlotStore shared, LeaseSettings settings, String replica, StoreHealth health) {
    this.shared = shared;
    this.settings = settings;
    this.replica = replica;
    this.health = health;
  }

  @Override
  public void putLimit(ParallelLimit limit) {
    shared.putLimit(limit);
    lock.lock();
    try {
      Slots s = scopes.get(limit.scope());
      if (s != null) {
        s.limit = Optional.of(limit);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean removeLimit(Scope scope) {
    boolean removed = shared.removeLimit(scope);
    lock.lock();
    try {
      Slots s = scopes.get(scope);
      if (s != null) {
        s.limit = Optional.empty();
      }
    } finally {
      lock.unlock();
    }
    return removed;
  }

  @Override
  public Optional<ParallelLimit> limitOf(Scope scope) {
    return shared.limitOf(scope);
  }

  @Override
  public SlotOutcome tryAcquire(List<Scope> list, String holder, Instant expiresAt, Instant now) {
    learn(list, now);
    lock.lock();
    try {
      List<Scope> taken = new ArrayList<>(list.size());
      List<Slots> added = new ArrayList<>();
      for (Scope scope : list) {
        Slots s = scopes.get(scope);
        if (s == null || s.limit.isEmpty()) {
          continue;
        }
        if (!s.local.containsKey(holder)) {
          if (!s.hasRoom(s.limit.get().maxInFlight(), now)) {
            added.forEach(t -> t.local.remove(holder)); // slots it already had stay its own
            return new SlotOutcome.Busy(s.limit.get());
          }
          s.local.put(holder, expiresAt);
          added.add(s);
        }
        taken.add(s.scope);
      }
      return new SlotOutcome.Acquired(taken);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void release(List<Scope> list, String holder) {
    lock.lock();
    try {
      for (Scope scope : list) {
        Slots s = scopes.get(scope);
        if (s != null) {
          s.local.remove(holder);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int inUse(Scope scope, Instant now) {
    lock.lock();
    try {
      Slots s = scopes.get(scope);
      return s == null ? shared.inUse(scope, now) : s.inUse(now) + s.others;
    } finally {
      lock.unlock();
    }
  }

  /** Mirrors each limited scope's in-flight count to the shared store and reads the others'. */
  public void sync(Instant now) {
    List<Slots> all;
    lock.lock();
    try {
      all = scopes.values().stream() // idle scopes cost nothing; their count is read on first use
          .filter(s -> !s.local.isEmpty() || !s.mirrored.isEmpty() || s.others > 0).toList();
    } finally {
      lock.unlock();
    }
    try {
      refreshStale(now);
      for (Slots s : all) {
        mirror(s, now);
      }
    } catch (StoreUnavailableException e) {
      health.unreachable(e);
      throw e;
    }
    health.synced();
  }

  /**
   * One call to the shared store per scope and round ({@link SlotStore#mirror}): the slots to give
   * back (renewed ones, and what the count fell by) and the new holders to take (what it rose by,
   * and the renewals), where a call per holder made the local sync thread the shared store's
   * third-busiest client under load.
   */
  private void mirror(Slots s, Instant now) {
    Instant horizon = now.plus(settings.renewAhead());
    int target;
    List<Mirror> keep;
    List<String> give = new ArrayList<>();
    lock.lock();
    try {
      target = s.limit.isPresent() ? s.inUse(now) : 0;
      List<Mirror> fresh = s.mirrored.stream().filter(m -> m.expiresAt().isAfter(horizon)).toList();
      keep = fresh.subList(0, Math.min(fresh.size(), target));
      Set<Mirror> kept = new HashSet<>(keep);
      for (Mirror m : s.mirrored) {
        if (!kept.contains(m)) {
          give.add(m.holder());
        }
      }
    } finally {
      lock.unlock();
    }
    List<String> take = new ArrayList<>(Math.max(0, target - keep.size()));
    for (int n = keep.size(); n < target; n++) {
      take.add(replica + ":" + nextSequence());
    }
    Instant expiresAt = now.plus(settings.leaseTtl());
    // Fewer taken than asked: the others hold the rest; what this replica admitted over it shows
    // in their count.
    SlotStore.Mirrored done = shared.mirror(s.scope, give, take, expiresAt, now);
    List<Mirror> next = new ArrayList<>(keep);
    for (int i = 0; i < done.taken(); i++) {
      next.add(new Mirror(take.get(i), expiresAt));
    }
    lock.lock();
    try {
      s.mirrored.clear();
      s.mirrored.addAll(next);
      s.others = Math.max(0, done.inUse() - next.size());
    } finally {
      lock.unlock();
    }
  }

  private long nextSequence() {
    lock.lock();
    try {
      return ++sequence;
    } finally {
      lock.unlock();
    }
  }

  private void refreshStale(Instant now) {
    List<Scope> stale;
    lock.lock();
    try {
      stale = scopes.values().stream()
          .filter(s -> !now.isBefore(s.fetchedAt.plus(settings.refreshAfter())))
          .map(s -> s.scope).limit(MAX_REFRESH_BATCH).toList();
    } finally {
      lock.unlock();
    }
    for (Scope scope : stale) {
      absorb(scope, shared.limitOf(scope), now);
    }
  }

  private void learn(List<Scope> list, Instant now) {
    List<Scope> unknown;
    lock.lock();
    try {
      unknown = UnknownScopes.of(list, scopes);
    } finally {
      lock.unlock();
    }
    boolean degraded = health.isDegraded();
    if (degraded && !OutageTolerance.required(unknown).isEmpty()) {
      throw new StoreUnavailableException("the database is unavailable and these slot limits are not known here yet");
    }
    for (Scope scope : unknown) {
      boolean optional = OutageTolerance.mayStayUnknown(scope);
      if (optional && degraded) {
        continue; // an end user: not limited here until the database answers
      }
      try {
        absorb(scope, shared.limitOf(scope), now);
        int inUse = shared.inUse(scope, now); // a scope seen for the first time starts from the shared count
        lock.lock();
        try {
          Slots s = scopes.get(scope);
          s.others = Math.max(0, inUse - s.mirrored.size());
        } finally {
          lock.unlock();
        }
      } catch (StoreUnavailableException e) {
        health.unreachable(e);
        if (!optional) {
          throw e;
        }
        degraded = true;
      }
    }
  }

  private void absorb(Scope scope, Optional<ParallelLimit> limit, Instant now) {
    lock.lock();
    try {
      if (scopes.size() >= settings.maxScopes() && !scopes.containsKey(scope)) {
        scopes.values().removeIf(s -> s.local.isEmpty() && s.mirrored.isEmpty());
      }
      Slots s = scopes.computeIfAbsent(scope, k -> new Slots(scope, limit, now));
      s.limit = limit;
      s.fetchedAt = now;
    } finally {
      lock.unlock();
    }
  }
}
