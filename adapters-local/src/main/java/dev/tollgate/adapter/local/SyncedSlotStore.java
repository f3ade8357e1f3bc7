package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.port.out.SlotOutcome;
import dev.tollgate.port.out.SlotStore;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
  }

  private record Mirror(String holder, Instant expiresAt) {}

  private final SlotStore shared;
  private final LeaseSettings settings;
  private final String replica;
  private final StoreHealth health;
  private final Object lock = new Object();
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
    synchronized (lock) {
      Slots s = scopes.get(limit.scope());
      if (s != null) {
        s.limit = Optional.of(limit);
      }
    }
  }

  @Override
  public boolean removeLimit(Scope scope) {
    boolean removed = shared.removeLimit(scope);
    synchronized (lock) {
      Slots s = scopes.get(scope);
      if (s != null) {
        s.limit = Optional.empty();
      }
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
    synchronized (lock) {
      List<Scope> taken = new ArrayList<>(list.size());
      List<Slots> added = new ArrayList<>();
      for (Scope scope : list) {
        Slots s = scopes.get(scope);
        if (s == null || s.limit.isEmpty()) {
          continue;
        }
        if (!s.local.containsKey(holder)) {
          if (s.inUse(now) + s.others >= s.limit.get().maxInFlight()) {
            added.forEach(t -> t.local.remove(holder)); // slots it already had stay its own
            return new SlotOutcome.Busy(s.limit.get());
          }
          s.local.put(holder, expiresAt);
          added.add(s);
        }
        taken.add(s.scope);
      }
      return new SlotOutcome.Acquired(taken);
    }
  }

  @Override
  public void release(List<Scope> list, String holder) {
    synchronized (lock) {
      for (Scope scope : list) {
        Slots s = scopes.get(scope);
        if (s != null) {
          s.local.remove(holder);
        }
      }
    }
  }

  @Override
  public int inUse(Scope scope, Instant now) {
    synchronized (lock) {
      Slots s = scopes.get(scope);
      return s == null ? shared.inUse(scope, now) : s.inUse(now) + s.others;
    }
  }

  /** Mirrors each limited scope's in-flight count to the shared store and reads the others'. */
  public void sync(Instant now) {
    List<Slots> all;
    synchronized (lock) {
      all = scopes.values().stream() // idle scopes cost nothing; their count is read on first use
          .filter(s -> !s.local.isEmpty() || !s.mirrored.isEmpty() || s.others > 0).toList();
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

  private void mirror(Slots s, Instant now) {
    Instant horizon = now.plus(settings.renewAhead());
    int target;
    List<Mirror> keep;
    synchronized (lock) {
      target = s.limit.isPresent() ? s.inUse(now) : 0;
      keep = s.mirrored.stream().filter(m -> m.expiresAt().isAfter(horizon)).toList();
    }
    List<Mirror> next = new ArrayList<>(keep.subList(0, Math.min(keep.size(), target)));
    while (next.size() < target) {
      String holder = replica + ":" + nextSequence();
      Instant expiresAt = now.plus(settings.leaseTtl());
      if (shared.tryAcquire(List.of(s.scope), holder, expiresAt, now) instanceof SlotOutcome.Busy) {
        break; // the others hold the rest; what this replica admitted over it shows in their count
      }
      next.add(new Mirror(holder, expiresAt));
    }
    List<Mirror> drop;
    synchronized (lock) {
      drop = s.mirrored.stream().filter(m -> !next.contains(m)).toList();
      s.mirrored.clear();
      s.mirrored.addAll(next);
    }
    for (Mirror m : drop) {
      shared.release(List.of(s.scope), m.holder());
    }
    int total = shared.inUse(s.scope, now);
    synchronized (lock) {
      s.others = Math.max(0, total - s.mirrored.size());
    }
  }

  private long nextSequence() {
    synchronized (lock) {
      return ++sequence;
    }
  }

  private void refreshStale(Instant now) {
    List<Scope> stale;
    synchronized (lock) {
      stale = scopes.values().stream()
          .filter(s -> !now.isBefore(s.fetchedAt.plus(settings.refreshAfter())))
          .map(s -> s.scope).limit(MAX_REFRESH_BATCH).toList();
    }
    for (Scope scope : stale) {
      absorb(scope, shared.limitOf(scope), now);
    }
  }

  private void learn(List<Scope> list, Instant now) {
    List<Scope> unknown;
    synchronized (lock) {
      unknown = UnknownScopes.of(list, scopes);
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
        synchronized (lock) {
          Slots s = scopes.get(scope);
          s.others = Math.max(0, inUse - s.mirrored.size());
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
    synchronized (lock) {
      if (scopes.size() >= settings.maxScopes() && !scopes.containsKey(scope)) {
        scopes.values().removeIf(s -> s.local.isEmpty() && s.mirrored.isEmpty());
      }
      Slots s = scopes.computeIfAbsent(scope, k -> new Slots(scope, limit, now));
      s.limit = limit;
      s.fetchedAt = now;
    }
  }
}
