package dev.tollgate.adapter.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a failover decorator remembers per hold, receipt or slot holder (which store took it, and
 * what it was), bounded: past {@code capacity} the oldest entry is forgotten. An entry outlives
 * its request by far at that size (a request ends within its hold's expiry); one forgotten is
 * routed to the primary store, where it has lapsed.
 */
final class Routes<K, V> {

  private final Map<K, V> entries;

  Routes(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.entries = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized void put(K key, V value) {
    entries.put(key, value);
  }

  synchronized Optional<V> remove(K key) {
    return Optional.ofNullable(entries.remove(key));
  }

  synchronized Optional<V> snapshotOf(K key) {
    return Optional.ofNullable(entries.get(key));
  }

  synchronized boolean contains(K key) {
    return entries.containsKey(key);
  }

  /** Every entry, removed: what a cut hands over to the fallback. */
  synchronized Map<K, V> drain() {
    Map<K, V> all = new LinkedHashMap<>(entries);
    entries.clear();
    return all;
  }

  /** Every entry, kept. */
  synchronized Map<K, V> snapshot() {
    return new LinkedHashMap<>(entries);
  }

  synchronized int size() {
    return entries.size();
  }
}
