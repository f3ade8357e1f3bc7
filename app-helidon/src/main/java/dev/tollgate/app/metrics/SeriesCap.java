package dev.tollgate.app.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The meters of one metric, one per label combination, created on first sight and then found by
 * one map lookup (no tag list is built per request). At most {@code max} combinations are kept:
 * tenants x keys x models would otherwise grow the scrape without bound. Every later combination
 * is folded into one overflow meter whose capped labels read {@code other}, so totals stay
 * right while the detail is lost.
 *
 * @param <K> the label combination (a record: equality is what makes a series)
 * @param <M> the meter, or a holder of several
 */
final class SeriesCap<K, M> {

  /** The value capped labels take in the overflow series. */
  static final String OTHER = "other";

  private final int max;
  private final Function<K, M> create;
  private final Supplier<M> overflowMeter;
  private final ConcurrentHashMap<K, M> series = new ConcurrentHashMap<>();
  private final AtomicInteger admitted = new AtomicInteger();
  private volatile M overflow;

  SeriesCap(int max, Function<K, M> create, Supplier<M> overflow) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    this.max = max;
    this.create = create;
    this.overflowMeter = overflow;
  }

  /** The meter of {@code key}, or the overflow meter once {@code max} others exist. */
  M get(K key) {
    M found = series.get(key);
    if (found != null) {
      return found;
    }
    // The count is taken inside the map's own lock for this key, so the cap is exact under races.
    M made = series.computeIfAbsent(key, k -> claimed() ? create.apply(k) : null);
    return made != null ? made : overflow();
  }

  /** Takes one of the {@code max} places, atomically, if one is left. */
  private boolean claimed() {
    return admitted.getAndUpdate(n -> n < max ? n + 1 : n) < max;
  }

  /** How many combinations have a series of their own (the overflow series not counted). */
  int size() {
    return series.size();
  }

  private M overflow() {
    M o = overflow;
    if (o == null) {
      synchronized (this) {
        o = overflow;
        if (o == null) {
          o = overflowMeter.get();
          overflow = o;
        }
      }
    }
    return o;
  }
}
