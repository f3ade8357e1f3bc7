package dev.tollgate.adapter.local;

import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A bounded read-through cache that answers from memory: fresh entries as they are, stale ones
 * while one background read refreshes them, and any known entry however old while the store is
 * unavailable. Only a key never seen is read on the caller's thread; in an outage that is a
 * {@link StoreUnavailableException} at once, never a guess.
 */
final class LastKnown<K, V> {

  private record Entry<V>(V value, Instant fetchedAt) {}

  private final Clock clock;
  private final Duration refreshAfter;
  private final int maxEntries;
  private final Executor refresher;
  private final StoreHealth health;
  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final Map<K, Boolean> refreshing = new ConcurrentHashMap<>();

  LastKnown(Clock clock, Duration refreshAfter, int maxEntries, Executor refresher, StoreHealth health) {
    this.clock = clock;
    this.refreshAfter = refreshAfter;
    this.maxEntries = maxEntries;
    this.refresher = refresher;
    this.health = health;
  }

  V get(K key, Function<K, V> load) {
    Entry<V> cached = entries.get(key);
    if (cached != null) {
      if (clock.instant().isAfter(cached.fetchedAt().plus(refreshAfter)) && !health.isDegraded()) {
        refreshInBackground(key, load);
      }
      return cached.value();
    }
    if (health.isDegraded()) {
      throw new StoreUnavailableException("the database is unavailable and " + key + " is not known here yet");
    }
    return fetch(key, load);
  }

  void put(K key, V value) {
    if (entries.size() >= maxEntries && !entries.containsKey(key)) {
      entries.clear(); // rare: a catalog this large is read again as used
    }
    entries.put(key, new Entry<>(value, clock.instant()));
  }

  void forget(K key) {
    entries.remove(key);
  }

  private V fetch(K key, Function<K, V> load) {
    try {
      V value = load.apply(key);
      put(key, value);
      return value;
    } catch (StoreUnavailableException e) {
      health.unreachable(e);
      throw e;
    }
  }

  private void refreshInBackground(K key, Function<K, V> load) {
    if (refreshing.putIfAbsent(key, Boolean.TRUE) != null) {
      return;
    }
    try {
      refresher.execute(() -> {
        try {
          fetch(key, load);
        } catch (StoreUnavailableException e) {
          // keep the last-known value
        } finally {
          refreshing.remove(key);
        }
      });
    } catch (RuntimeException rejected) {
      refreshing.remove(key);
    }
  }
}
