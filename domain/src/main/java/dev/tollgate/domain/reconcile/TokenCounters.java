package dev.tollgate.domain.reconcile;

import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One reading of a data plane's cumulative token counters: the total per model and type since
 * the data plane's process started. Counts only grow, except when that process restarts.
 */
public record TokenCounters(Map<CounterKey, Long> values) {

  /** The most series one reading keeps: a data plane serving more models is refused, not cut. */
  public static final int MAX_SERIES = 10_000;

  public static final TokenCounters NONE = new TokenCounters(Map.of());

  private static final Comparator<CounterKey> ORDER =
      Comparator.comparing(CounterKey::model).thenComparing(CounterKey::type);

  public TokenCounters {
    if (values == null || values.size() > MAX_SERIES) {
      throw new IllegalArgumentException("at most " + MAX_SERIES + " series");
    }
    TreeMap<CounterKey, Long> copy = new TreeMap<>(ORDER);
    values.forEach((k, v) -> {
      if (k == null || v == null || v < 0) {
        throw new IllegalArgumentException("counters are non-negative: " + k + "=" + v);
      }
      copy.put(k, v);
    });
    values = Collections.unmodifiableMap(copy);
  }

  public long get(CounterKey key) {
    return values.getOrDefault(key, 0L);
  }

  /** This reading and {@code other}'s summed per series (two readings of different targets). */
  public TokenCounters plus(TokenCounters other) {
    TreeMap<CounterKey, Long> sum = new TreeMap<>(ORDER);
    sum.putAll(values);
    other.values.forEach((k, v) -> sum.merge(k, v, Math::addExact));
    return new TokenCounters(sum);
  }
}
