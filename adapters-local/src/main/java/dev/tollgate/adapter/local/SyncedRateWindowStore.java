package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.RateDecision;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.domain.rate.RateUsage;
import dev.tollgate.domain.rate.RateWindow;
import dev.tollgate.port.out.RateOutcome;
import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Rate windows counted in memory and synced with the shared store in the background. Each
 * replica counts its own admissions in a local {@link RateWindow} whose limit is the shared limit
 * minus what the other replicas counted at the last sync; every {@link #sync} pushes this replica's
 * new units into the shared buckets they were counted in and reads the shared total back.
 *
 * <p>Accuracy across replicas: exact within one replica; across replicas a window can exceed its
 * limit by what the others admitted since their last sync (one sync interval, 250 ms by default).
 * In an outage each replica keeps enforcing its last view (the limit minus the others' last-known
 * count), so a window may reach up to N times what was left when the store went away.
 */
public final class SyncedRateWindowStore implements RateWindowStore {

  /** Most stale scopes re-read in one sync round; the rest wait for the next. */
  static final int MAX_REFRESH_BATCH = 500;

  private static final int MAX_SYNCED_PER_TICK = 2_000;

  private static final class Counter {
    RateLimit limit;
    RateWindow local;
    long others;
    final Map<Long, Long> unpushed = new HashMap<>();
    Instant lastUsed = Instant.EPOCH;

    Counter(RateLimit limit) {
      this.limit = limit;
      this.local = RateWindow.of(limit);
    }
  }

  private static final class ScopeCounters {
    final Scope scope;
    final Map<RateKind, Counter> byKind = new EnumMap<>(RateKind.class);
    Instant fetchedAt;

    ScopeCounters(Scope scope, Instant fetchedAt) {
      this.scope = scope;
      this.fetchedAt = fetchedAt;
    }
  }

  private final RateWindowStore shared;
  private final LeaseSettings settings;
  private final StoreHealth health;
  /** Every request takes this lock: a {@code ReentrantLock}, not a monitor, for the reason {@link LeaseBook#lock} gives. */
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Scope, ScopeCounters> scopes = new HashMap<>();

  public SyncedRateWindowStore(RateWindowStore shared, LeaseSettings settings, StoreHealth health) {
    this.shared = shared;
    this.settings = settings;
    this.health = health;
  }

  @Override
  public void putLimit(RateLimit limit) {
    shared.putLimit(limit);
    lock.lock();
    try {
      ScopeCounters c = scopes.get(limit.scope());
      if (c != null) {
        apply(c, limit.kind(), Optional.of(limit));
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean removeLimit(Scope scope, RateKind kind) {
    boolean removed = shared.removeLimit(scope, kind);
    lock.lock();
    try {
      ScopeCounters c = scopes.get(scope);
      if (c != null) {
        c.byKind.remove(kind);
      }
    } finally {
      lock.unlock();
    }
    return removed;
  }

  @Override
  public Optional<RateLimit> limitOf(Scope scope, RateKind kind) {
    return shared.limitOf(scope, kind);
  }

  @Override
  public RateOutcome tryAcquire(List<Scope> list, long requests, long tokens, Instant now) {
    learn(list, now);
    lock.lock();
    try {
      List<RateReceipt> receipts = new ArrayList<>();
      for (Scope scope : list) {
        ScopeCounters sc = scopes.get(scope);
        if (sc == null) {
          continue; // evicted since learned: counted on the next request
        }
        for (Map.Entry<RateKind, Counter> e : sc.byKind.entrySet()) {
          Counter c = e.getValue();
          long amount = e.getKey() == RateKind.REQUESTS ? requests : tokens;
          RateDecision decision = c.local.tryAcquire(amount, now);
          if (decision instanceof RateDecision.Limited limited) {
            receipts.forEach(r -> adjustLocked(r, -r.amount(), now));
            return new RateOutcome.Limited(c.limit,
                new RateDecision.Limited(limited.retryAfter(), limited.used() + c.others, c.limit.limit()));
          }
          long bucket = ((RateDecision.Acquired) decision).bucketIndex();
          c.unpushed.merge(bucket, amount, Long::sum);
          c.lastUsed = now;
          receipts.add(new RateReceipt(scope, e.getKey(), bucket, amount, c.limit.limit(),
              c.local.remaining(now), c.local.resetAfter(now)));
        }
      }
      return new RateOutcome.Acquired(receipts);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void adjust(RateReceipt receipt, long delta, Instant now) {
    lock.lock();
    try {
      adjustLocked(receipt, delta, now);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<RateUsage> usage(Scope scope, RateKind kind, Instant now) {
    lock.lock();
    try {
      ScopeCounters sc = scopes.get(scope);
      Counter c = sc == null ? null : sc.byKind.get(kind);
      if (c == null) {
        return shared.usage(scope, kind, now);
      }
      long used = c.local.used(now) + c.others;
      return Optional.of(new RateUsage(c.limit, used, Math.max(0, c.limit.limit() - used),
          c.local.resetAfter(now)));
    } finally {
      lock.unlock();
    }
  }

  /** Re-reads stale limits, pushes this replica's new units, reads every active window's total. */
  public void sync(Instant now) {
    refreshStale(now);
    List<Pushed> pushes = new ArrayList<>();
    lock.lock();
    try {
      for (ScopeCounters sc : scopes.values()) {
        for (Map.Entry<RateKind, Counter> e : sc.byKind.entrySet()) {
          Counter c = e.getValue();
          if (pushes.size() < MAX_SYNCED_PER_TICK
              && now.isBefore(c.lastUsed.plus(c.limit.window()).plus(c.limit.window()))) {
            pushes.add(new Pushed(sc.scope, e.getKey(), c, Map.copyOf(c.unpushed)));
            c.unpushed.clear();
          }
        }
      }
    } finally {
      lock.unlock();
    }
    for (int i = 0; i < pushes.size(); i++) {
      try {
        push(pushes.get(i), now);
      } catch (StoreUnavailableException e) {
        restore(pushes.subList(i, pushes.size()));
        health.unreachable(e);
        throw e;
      }
    }
    health.synced();
  }

  private record Pushed(Scope scope, RateKind kind, Counter counter, Map<Long, Long> units) {}

  /** One call to the shared store per window and round ({@link RateWindowStore#push}). */
  private void push(Pushed p, Instant now) {
    Optional<RateUsage> usage = shared.push(p.scope(), p.kind(), p.units(), now);
    lock.lock();
    try {
      Counter c = p.counter();
      long unpushedNow = c.unpushed.values().stream().mapToLong(Long::longValue).sum();
      long ours = c.local.used(now) - unpushedNow;
      c.others = Math.max(0, usage.map(RateUsage::used).orElse(0L) - ours);
      c.local.changeLimit(Math.max(0, c.limit.limit() - c.others));
    } finally {
      lock.unlock();
    }
  }

  private void restore(List<Pushed> notPushed) {
    lock.lock();
    try {
      for (Pushed p : notPushed) {
        p.units().forEach((bucket, units) -> p.counter().unpushed.merge(bucket, units, Long::sum));
      }
    } finally {
      lock.unlock();
    }
  }

  private void adjustLocked(RateReceipt receipt, long delta, Instant now) {
    ScopeCounters sc = scopes.get(receipt.scope());
    Counter c = sc == null ? null : sc.byKind.get(receipt.kind());
    if (c != null && delta != 0) {
      c.local.adjust(receipt.bucketIndex(), delta, now);
      c.unpushed.merge(receipt.bucketIndex(), delta, Long::sum);
    }
  }

  private void refreshStale(Instant now) {
    List<Scope> stale;
    lock.lock();
    try {
      stale = scopes.values().stream()
          .filter(c -> !now.isBefore(c.fetchedAt.plus(settings.refreshAfter())))
          .map(c -> c.scope).limit(MAX_REFRESH_BATCH).toList();
    } finally {
      lock.unlock();
    }
    for (Scope scope : stale) {
      absorb(scope, read(scope), now);
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
      throw new StoreUnavailableException("the database is unavailable and these rate limits are not known here yet");
    }
    for (Scope scope : unknown) {
      if (!OutageTolerance.mayStayUnknown(scope)) {
        absorb(scope, read(scope), now);
        learnOthers(scope, now);
      } else if (!degraded) {
        try {
          absorb(scope, read(scope), now);
          learnOthers(scope, now);
        } catch (StoreUnavailableException e) { // not counted here until the database answers
          degraded = true;
        }
      }
    }
  }

  /** A scope seen for the first time starts from the shared count, not from zero. */
  private void learnOthers(Scope scope, Instant now) {
    List<Counter> counters;
    lock.lock();
    try {
      counters = List.copyOf(scopes.get(scope).byKind.values());
    } finally {
      lock.unlock();
    }
    for (Counter c : counters) {
      try {
        push(new Pushed(scope, c.limit.kind(), c, Map.of()), now);
      } catch (StoreUnavailableException e) {
        health.unreachable(e);
        throw e;
      }
    }
  }

  private Map<RateKind, Optional<RateLimit>> read(Scope scope) {
    try {
      Map<RateKind, Optional<RateLimit>> limits = new EnumMap<>(RateKind.class);
      for (RateKind kind : RateKind.values()) {
        limits.put(kind, shared.limitOf(scope, kind));
      }
      return limits;
    } catch (StoreUnavailableException e) {
      health.unreachable(e);
      throw e;
    }
  }

  private void absorb(Scope scope, Map<RateKind, Optional<RateLimit>> limits, Instant now) {
    lock.lock();
    try {
      if (scopes.size() >= settings.maxScopes() && !scopes.containsKey(scope)) {
        scopes.values().removeIf(c -> c.byKind.isEmpty());
      }
      ScopeCounters sc = scopes.computeIfAbsent(scope, k -> new ScopeCounters(scope, now));
      limits.forEach((kind, limit) -> apply(sc, kind, limit));
      sc.fetchedAt = now;
    } finally {
      lock.unlock();
    }
  }

  private static void apply(ScopeCounters sc, RateKind kind, Optional<RateLimit> limit) {
    if (limit.isEmpty()) {
      sc.byKind.remove(kind);
      return;
    }
    Counter c = sc.byKind.get(kind);
    if (c == null || !c.local.hasShapeOf(limit.get())) {
      sc.byKind.put(kind, new Counter(limit.get()));
    } else {
      c.limit = limit.get();
      c.local.changeLimit(Math.max(0, limit.get().limit() - c.others));
    }
  }
}
