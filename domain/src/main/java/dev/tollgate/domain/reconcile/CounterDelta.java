package dev.tollgate.domain.reconcile;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a data plane counted between two readings of its cumulative counters. A series that went
 * down (or vanished) means the data plane restarted in between: what it counted before the restart
 * and after the earlier reading is gone, so the delta is what it counted since the restart, a
 * lower bound, and {@link #reset} says so. Nothing is guessed.
 *
 * @param tokens tokens per series counted between the readings (a lower bound where reset)
 * @param reset whether any series went down between the readings
 */
public record CounterDelta(TokenCounters tokens, boolean reset) {

  public static CounterDelta between(TokenCounters earlier, TokenCounters later) {
    Map<CounterKey, Long> out = new TreeMap<>(
        java.util.Comparator.comparing(CounterKey::model).thenComparing(CounterKey::type));
    boolean reset = false;
    Set<CounterKey> keys = new HashSet<>(earlier.values().keySet());
    keys.addAll(later.values().keySet());
    for (CounterKey k : keys) {
      long before = earlier.get(k);
      long now = later.get(k);
      if (now >= before) {
        out.put(k, now - before);
      } else {
        reset = true;
        out.put(k, now); // restarted: only what it counted since then is known
      }
    }
    return new CounterDelta(new TokenCounters(out), reset);
  }
}
